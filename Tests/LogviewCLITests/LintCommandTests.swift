import Foundation
import LogviewTestSupport
import Testing

/// `--report lint` on the command line: exit status, the line each example cites, and
/// standard input named `-` (colors and the README capture: ReportCommandTests).
@Suite struct LintCommandTests {
  static let incident = GoldenTests.incident.map(RepoRoot.fixture)

  static let clean =
    [
      #"{"time":"2024-03-15T10:00:00.123Z","level":"info","service":"api","msg":"started"}"#,
      #"{"time":"2024-03-15T10:00:01.456Z","level":"warn","service":"api","msg":"slow start"}"#,
    ].joined(separator: "\n") + "\n"

  /// 0 when something was found, 1 when nothing was (or nothing matched).
  @Test func exitStatus() throws {
    let file = try Self.temporary(Self.clean)
    defer { unlink(file) }
    let clean = RunHarness.run(["--report", "lint", "--color", "never", file])
    #expect(clean.status == 1, "\(clean.stderr)")
    #expect(clean.stdoutText.hasPrefix("lint · 2 records · 1 service · overall score 100\n"))
    #expect(clean.stdoutText.hasSuffix("  no findings\n"))
    let none = RunHarness.run(["--report", "lint", "-q", "service=nobody"] + Self.incident)
    #expect(none.status == 1)
    #expect(none.stdoutText == "lint · 0 records\n  no matching records\n")
    let incident = RunHarness.run(["--report", "lint"] + Self.incident)
    #expect(incident.status == 0, "\(incident.stderr)")
  }

  /// The sensitive-data rule runs the one scanner: every kind planted in Fixtures/secrets is
  /// a finding, and none on the incident fixture.
  @Test func sensitiveDataByKind() throws {
    let secrets = RunHarness.run(
      ["--report", "lint", "-o", "json", RepoRoot.fixture("secrets/app.log")])
    #expect(secrets.status == 0, "\(secrets.stderr)")
    var kinds = Set<String>()
    for line in secrets.stdoutText.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      for finding in object?["findings"] as? [[String: Any]] ?? []
      where finding["rule"] as? String == "sensitive-data" {
        if let subject = finding["subject"] as? String { kinds.insert(subject) }
      }
    }
    #expect(
      kinds == [
        "aws-key", "bearer-token", "jwt", "secret-field", "url-password", "private-key", "card",
        "email", "phone",
      ])
    let incident = RunHarness.run(["--report", "lint", "-o", "json"] + Self.incident)
    #expect(!incident.stdoutText.contains("sensitive-data"))
  }

  @Test func usageError() {
    let outcome = RunHarness.run(["--report", "lint", "-o", "raw"] + Self.incident)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("not -o raw"))
  }

  /// Each finding's example is the first line of its file that shows it.
  @Test(arguments: [
    ("no-request-id", "checkout-api", #""path":"/healthz""#),
    ("debug-in-production", "email-worker", #""level": "debug""#),
    ("variable-messages", "inventory", #""message":"reserved "#),
  ])
  func exampleCitesTheFirstLine(_ rule: String, _ service: String, _ shows: String) throws {
    let outcome = RunHarness.run(["--report", "lint", "-o", "json"] + Self.incident)
    let objects = try outcome.stdoutText.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    let object = try #require(objects.first { $0["service"] as? String == service })
    let findings = try #require(object["findings"] as? [[String: Any]])
    let finding = try #require(findings.first { $0["rule"] as? String == rule })
    let example = try #require(finding["example"] as? [String: Any])
    let source = try #require(example["source"] as? String)
    let line = try #require(example["line"] as? Int)
    let lines = try String(contentsOfFile: source, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[line - 1].contains(shows), "\(source):\(line)")
    #expect(!lines[..<(line - 1)].contains { $0.contains(shows) && $0.contains(service) })
  }

  /// A query with a required word reads only the records holding it (jumping between its
  /// occurrences in a large file): lines are still counted.
  @Test func skippedLinesAreCounted() throws {
    let outcome = RunHarness.run(
      [
        "--report", "lint", "-o", "json", "-q", "healthz",
        RepoRoot.fixture("incident/checkout-api.log"),
      ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdoutText.contains(#""rule":"no-request-id""#))
    #expect(outcome.stdoutText.contains(#"checkout-api.log","line":5}"#), "\(outcome.stdoutText)")
  }

  /// Standard input is named `-`, its lines counted across what was read.
  @Test func standardInputIsCitedAsDash() throws {
    var bytes = Data()
    for path in Self.incident { bytes += try Data(contentsOf: URL(fileURLWithPath: path)) }
    let file = try Self.temporary(String(decoding: bytes, as: UTF8.self))
    defer { unlink(file) }
    let child = try BinaryHarness(["--report", "lint", "--color", "never"])
    defer { child.stop() }
    child.input.fileHandleForWriting.write(bytes)
    child.closeInput()
    #expect(child.waitForExit() == 0)
    let fromFile = RunHarness.run(["--report", "lint", "--color", "never", file])
    #expect(child.outputText == fromFile.stdoutText.replacingOccurrences(of: file, with: "-"))
    #expect(child.outputText.contains("  -:"))
  }

  static func temporary(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "logview-lint-\(UUID().uuidString).log"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
