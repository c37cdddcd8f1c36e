import Foundation
import LogviewTestSupport
import Testing

/// `--report latency` on the command line: usage, exit status and the selection it honours
/// (standard input, colors and the README capture: ReportCommandTests, for every report).
@Suite struct LatencyCommandTests {
  static let incident = GoldenTests.incident.map(RepoRoot.fixture)
  static let payment = RepoRoot.fixture("incident/payment-service.log")

  /// Checked with every report's by ReportCommandTests.usageErrorsExitTwo.
  static let usageErrors: [([String], String)] = [
    (["--report", "latency", "--count", payment], "--report and --count cannot be used"),
    (["--report", "latency", "-f", payment], "it cannot --follow"),
    (["--report", "latency", "-o", "normalized", payment], "not -o normalized"),
    (["--report", "latencies", payment], "expected one of histogram, latency"),
  ]

  /// 0 when a record with a duration was counted; 1 when none has one (the report still
  /// says so) or none matched.
  @Test(arguments: [
    ("durationMs>2000", Int32(0), "latency · 79 records with a duration · 0 without"),
    ("queue stats", 1, "latency · 0 records with a duration · "),
    ("service=nobody", 1, "latency · 0 records with a duration · 0 without"),
  ])
  func exitStatus(_ query: String, _ status: Int32, _ title: String) {
    let outcome = RunHarness.run(["--report", "latency", "-q", query] + Self.incident)
    #expect(outcome.status == status, "\(outcome.stderr)")
    #expect(outcome.stdoutText.hasPrefix(title), "\(outcome.stdoutText)")
  }

  /// The window and a request select what is counted, as for printed records: every record
  /// selected is in the title, with a duration or without.
  @Test(arguments: [
    ["-q", "level>=warn"],
    ["--since", "2024-03-15T10:11:00Z", "--until", "2024-03-15T10:18:00Z"],
    ["--request", "req_7f42a9c1"],
  ])
  func selectionIsHonoured(_ selection: [String]) throws {
    let outcome = RunHarness.run(
      ["--report", "latency", "--color", "never"] + selection + Self.incident)
    let title = outcome.stdoutText.split(separator: "\n").first.map(String.init) ?? ""
    let numbers = title.split(separator: " ").compactMap {
      Int($0.replacingOccurrences(of: ",", with: ""))
    }
    let count = RunHarness.run(["--count"] + selection + Self.incident)
    #expect(numbers.count == 2, "\(title)")
    #expect("\(numbers.reduce(0, +))\n" == count.stdoutText, "\(title)")
  }
}
