import Foundation
import LogviewTestSupport
import Testing

/// `--report patterns` and the `pattern=ID` filter term on the command line: usage, exit
/// status, the options, and an ID from the report selecting that pattern's records
/// (standard input, colors and the README capture: ReportCommandTests, for every report).
@Suite struct PatternCommandTests {
  static let incident = GoldenTests.incident.map(RepoRoot.fixture)
  static let payment = RepoRoot.fixture("incident/payment-service.log")

  /// Checked with every report's by ReportCommandTests.usageErrorsExitTwo.
  static let usageErrors: [([String], String)] = [
    (["--top", "3", payment], "--top needs --report patterns"),
    (["--errors-first", payment], "--errors-first needs --report patterns"),
    (["--report", "latency", "--top", "3", payment], "--top needs --report patterns"),
    (["--report", "patterns", "--top=-1", payment], "bad --top '-1'"),
    (["--report", "patterns", "--top", "many", payment], "bad --top 'many'"),
    (["--report", "patterns", "-o", "raw", payment], "not -o raw"),
    (["--report", "patterns", "-q", "pattern~x", payment], "'~' does not apply to pattern"),
  ]

  /// 0 when records were grouped, 1 when none matched (the report still says so).
  @Test(arguments: [
    ("level>=error", Int32(0), "patterns · 137 records in 4 patterns"),
    ("service=nobody", 1, "patterns · 0 records in 0 patterns"),
  ])
  func exitStatus(_ query: String, _ status: Int32, _ title: String) {
    let outcome = RunHarness.run(["--report", "patterns", "-q", query] + Self.incident)
    #expect(outcome.status == status, "\(outcome.stderr)")
    #expect(outcome.stdoutText.hasPrefix(title), "\(outcome.stdoutText)")
  }

  /// Each pattern's ID, given back as `pattern=ID`, selects as many records as it counted,
  /// and every one of them.
  @Test func idsSelectTheirRecords() throws {
    let report = RunHarness.run(["--report", "patterns", "-o", "json"] + Self.incident)
    let lines = report.stdoutText.split(separator: "\n")
    #expect(lines.count == 31)
    var total = 0
    for line in lines.prefix(8) + lines.suffix(3) {
      let object = try #require(
        JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let id = try #require(object["id"] as? String)
      let count = try #require(object["count"] as? Int)
      let selected = RunHarness.run(["--count", "-q", "pattern=\(id)"] + Self.incident)
      #expect(selected.stdoutText == "\(count)\n", "\(id)")
      let template = try #require(object["template"] as? String)
      let quoted = template.replacingOccurrences(of: "\"", with: "\\\"")
      let byText = RunHarness.run(["--count", "-q", "pattern=\"\(quoted)\""] + Self.incident)
      #expect(byText.stdoutText == "\(count)\n", "\(template)")
      total += count
    }
    #expect(total > 0)
  }

  /// An ID no record has selects nothing: exit 1, as any filter that matches nothing.
  @Test func unknownIdMatchesNothing() {
    let outcome = RunHarness.run(["-q", "pattern=0badc0de"] + Self.incident)
    #expect(outcome.status == 1)
    #expect(outcome.stdout.isEmpty)
  }

  /// --top shows that many and counts the rest; 0 shows all; -o json shows all unless --top.
  @Test func topLimitsTheRows() {
    let three = RunHarness.run(
      ["--report", "patterns", "--top", "3", "--color", "never"] + Self.incident)
    let lines = three.stdoutText.split(separator: "\n")
    #expect(lines.count == 2 + 3 + 1)
    #expect(lines.last == "  … 28 more patterns (--top 0 shows all)")
    let all = RunHarness.run(
      ["--report", "patterns", "--top", "0", "--color", "never"] + Self.incident)
    #expect(all.stdoutText.split(separator: "\n").count == 2 + 31)
    let json = RunHarness.run(["--report", "patterns", "-o", "json", "--top", "2"] + Self.incident)
    #expect(json.stdoutText.split(separator: "\n").count == 2)
  }
}
