import Foundation
import LogviewTestSupport
import Testing

/// `--report` on the command line: exit status, usage errors, and the inputs and selections
/// a report honours like any headless output.
@Suite struct ReportCommandTests {
  static let incident = GoldenTests.incident.map(RepoRoot.fixture)
  static let payment = RepoRoot.fixture("incident/payment-service.log")

  static let usageErrors: [([String], String)] = [
    (["--report", "pattern", payment], "bad --report 'pattern': expected one of histogram"),
    (["--bucket", "5m", payment], "--bucket needs --report histogram"),
    (["--report", "histogram", "--bucket", "7m", payment], "bad --bucket '7m': expected 1s, 5s"),
    (["--report", "histogram", "--bucket", "soon", payment], "bad --bucket 'soon'"),
    (["--report", "histogram", "--count", payment], "--report and --count cannot be used"),
    (["--report", "histogram", "-f", payment], "it cannot --follow"),
    (["--report", "histogram", "-o", "raw", payment], "not -o raw"),
  ]

  /// Every report's usage errors: exit status 2, the message, nothing printed.
  @Test(arguments: usageErrors + LatencyCommandTests.usageErrors + PatternCommandTests.usageErrors)
  func usageErrorsExitTwo(_ arguments: [String], _ message: String) {
    let outcome = RunHarness.run(arguments)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
  }

  /// 0 when records were counted, 1 when none matched (the report still says so).
  @Test(arguments: [("level>=error", Int32(0)), ("service=nobody", 1)])
  func exitStatus(_ query: String, _ status: Int32) {
    let outcome = RunHarness.run(["--report", "histogram", "-q", query] + Self.incident)
    #expect(outcome.status == status, "\(outcome.stderr)")
    #expect(outcome.stdoutText.hasPrefix("histogram · "))
  }

  /// The query, the window and a request select what is counted, as for printed records.
  @Test(arguments: [
    (["-q", "level>=error"], "137 records"),
    (["--since", "2024-03-15T10:11:00Z", "--until", "2024-03-15T10:18:00Z"], "1,165 records"),
    (["--request", "req_7f42a9c1"], "6 records"),
  ])
  func selectionIsHonoured(_ selection: [String], _ counted: String) {
    let outcome = RunHarness.run(["--report", "histogram"] + selection + Self.incident)
    let title = outcome.stdoutText.split(separator: "\n").first.map(String.init) ?? ""
    #expect(title.contains(" · \(counted)"), "\(title)")
    let count = RunHarness.run(["--count"] + selection + Self.incident)
    #expect(
      counted.replacingOccurrences(of: ",", with: "") == "\(count.stdoutText.dropLast()) records")
  }

  static let reports = ["histogram", "latency", "lint", "patterns"]

  /// Standard input gives the same report as the files (but for the lint's examples, which
  /// cite standard input's lines: LintCommandTests).
  @Test(arguments: reports)
  func readsStandardInput(_ report: String) throws {
    var bytes = Data()
    for path in Self.incident { bytes += try Data(contentsOf: URL(fileURLWithPath: path)) }
    let child = try BinaryHarness(["--report", report, "--color", "never"])
    defer { child.stop() }
    child.input.fileHandleForWriting.write(bytes)
    child.closeInput()
    #expect(child.waitForExit() == 0)
    let files = RunHarness.run(["--report", report, "--color", "never"] + Self.incident)
    #expect(Self.withoutExamples(child.outputText) == Self.withoutExamples(files.stdoutText))
  }

  /// The text without the `file:line` ending the lint's finding rows.
  static func withoutExamples(_ text: String) -> String {
    text.replacingOccurrences(of: #"(?m)  \S+:[0-9]+$"#, with: "", options: .regularExpression)
  }

  /// --color never leaves out the escapes; --color always writes them.
  @Test(arguments: reports)
  func colorFollowsTheOption(_ report: String) {
    let always = RunHarness.run(["--report", report, "--color", "always", Self.payment])
    #expect(always.stdoutText.contains("\u{1B}["))
    let never = RunHarness.run(["--report", report, "--color", "never", Self.payment])
    #expect(!never.stdoutText.contains("\u{1B}["))
  }

  /// The README's capture of each report is what logview prints.
  @Test(arguments: reports)
  func readmeCaptureIsTheOutput(_ report: String) throws {
    let readme = try String(
      contentsOf: RepoRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
    let command = "    $ logview --report \(report) --color never Fixtures/incident/*.log\n"
    let start = try #require(readme.range(of: command)).upperBound
    let block = readme[start...].components(separatedBy: "\n\n").first ?? ""
    let capture = block.split(separator: "\n").map { $0.dropFirst(4) + "\n" }.joined()
    let outcome = RunHarness.run(["--report", report, "--color", "never"] + Self.incident)
    #expect(capture == outcome.stdoutText.replacingOccurrences(of: RepoRoot.path + "/", with: ""))
  }
}
