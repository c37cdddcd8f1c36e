import Foundation
import LogviewTestSupport
import Testing

/// `--request ID --bundle PATH`: the Markdown and NDJSON written (goldens over the incident
/// fixture), what is said on stderr, exit status and usage errors.
@Suite struct BundleCommandTests {
  static let incident = GoldenTests.incident.map(RepoRoot.fixture)
  static let payment = RepoRoot.fixture("incident/payment-service.log")

  /// The failing request crosses three services and has an error and a slowest step: the
  /// files are the goldens, times in UTC, and nothing goes to stdout.
  @Test func goldenBundleOfTheFailingRequest() throws {
    let dir = TempDirectory()
    let path = dir.file("incident.md")
    let outcome = RunHarness.run(
      ["--request", "req_7f42a9c1", "--bundle", path, "--tz", "UTC"] + Self.incident)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
    #expect(
      outcome.stderr
        == "logview: bundle written: \(path) (6 records; raw lines as NDJSON in \(dir.file("incident.ndjson")))\n"
    )
    Snapshot.expect(
      try String(contentsOfFile: path, encoding: .utf8),
      matches: "Tests/LogviewCLITests/Golden/incident-bundle-7f42.md")
    Snapshot.expect(
      try String(contentsOfFile: dir.file("incident.ndjson"), encoding: .utf8),
      matches: "Tests/LogviewCLITests/Golden/incident-bundle-7f42.ndjson")
  }

  /// The README's excerpt is the golden bundle down to its raw lines, and what is said.
  @Test func readmeExcerptIsTheOutput() throws {
    let readme = try String(
      contentsOf: RepoRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
    let golden = try String(
      contentsOf: RepoRoot.url.appendingPathComponent(
        "Tests/LogviewCLITests/Golden/incident-bundle-7f42.md"), encoding: .utf8)
    let head = try #require(golden.range(of: "## Raw lines\n")).upperBound
    let indented = golden[..<head].split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    let said =
      "    logview: bundle written: incident.md (6 records; raw lines as NDJSON in incident.ndjson)\n"
    #expect(readme.contains(said + "    $ cat incident.md\n" + indented))
  }

  /// The NDJSON holds each record's line as read, in the request's time order; redacted,
  /// it differs only inside what is masked (the healthy request's payment authorization).
  @Test func ndjsonIsTheRawLinesInTimeOrder() throws {
    let dir = TempDirectory()
    let raw = RunHarness.run(["--request", "req_00c0ffee", "-o", "raw"] + Self.incident)
    for redacted in [false, true] {
      let path = dir.file(redacted ? "masked" : "plain")
      let outcome = RunHarness.run(
        ["--request", "req_00c0ffee", "--bundle", path] + (redacted ? [] : ["--no-redact"])
          + Self.incident)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let ndjson = try String(contentsOfFile: path + ".ndjson", encoding: .utf8)
      // A payment authorization ID is no secret: the lines hold nothing to mask.
      #expect(raw.stdoutText.contains(#""authorization":"auth_7f35057d6c""#))
      #expect(ndjson == raw.stdoutText)
      #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Incident bundle: "))
    }
  }

  /// No record with the ID: nothing written, said, status 1.
  @Test func unknownRequestWritesNothing() {
    let dir = TempDirectory()
    let path = dir.file("none.md")
    let outcome = RunHarness.run(["--request", "req_nobody", "--bundle", path] + Self.incident)
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "logview: no record has request ID req_nobody: no bundle written\n")
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(!FileManager.default.fileExists(atPath: dir.file("none.ndjson")))
  }

  /// A path that cannot be written is said in one line, status 2.
  @Test func unwritablePathIsAnError() {
    let dir = TempDirectory()
    let cases = [
      (dir.file("missing/x.md"), "cannot write \(dir.file("missing/x.md")): no such directory"),
      (dir.path, "is a directory"),
    ]
    for (path, message) in cases {
      let outcome = RunHarness.run(["--request", "req_7f42a9c1", "--bundle", path, Self.payment])
      #expect(outcome.status == 2)
      #expect(outcome.stderr.hasPrefix("logview: ") && outcome.stderr.contains(message))
      #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
    }
  }

  static let usageErrors: [([String], String)] = [
    (["--bundle", "x.md"], "--bundle needs --request ID"),
    (["--request", "r", "--bundle", ""], "bad --bundle '': expected a file path"),
    (
      ["--request", "r", "--bundle", "x.md", "--report", "latency"], "cannot be used with --report"
    ),
    (["--request", "r", "--bundle", "x.md", "--count"], "cannot be used with --count"),
    (["--request", "r", "--bundle", "x.md", "-f"], "cannot be used with --follow"),
    (["--request", "r", "--bundle", "x.md", "-o", "json"], "cannot be used with --output"),
    (["--request", "r", "--no-redact"], "--no-redact applies to --bundle"),
  ]

  @Test(arguments: usageErrors)
  func usageErrorsExitTwo(_ arguments: [String], _ message: String) {
    let outcome = RunHarness.run(arguments + [Self.payment])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: "x.md"))
  }

  /// A bundle never replaces an input: `--bundle app.md` would write `app.ndjson`.
  @Test func anInputIsNeverReplaced() throws {
    let dir = TempDirectory()
    let input = dir.file("app.ndjson")
    let text = try String(contentsOfFile: Self.payment, encoding: .utf8)
    try text.write(toFile: input, atomically: false, encoding: .utf8)
    for path in [dir.file("app.md"), input] {
      let outcome = RunHarness.run(["--request", "req_7f42a9c1", "--bundle", path, input])
      #expect(outcome.status == 2)
      #expect(outcome.stderr.contains("would replace the input \(input)"), "\(outcome.stderr)")
    }
    #expect(try String(contentsOfFile: input, encoding: .utf8) == text)
    #expect(!FileManager.default.fileExists(atPath: dir.file("app.md")))
  }

  /// Secrets are masked unless --no-redact says otherwise.
  @Test(arguments: [false, true])
  func secretsAreMaskedByDefault(_ unredacted: Bool) throws {
    let dir = TempDirectory()
    let log = dir.file("auth.log")
    try """
    {"time":"2024-03-15T10:00:00Z","level":"info","service":"auth","msg":"GET https://bob:s3cret@api.example.com/","requestId":"req_9"}
    {"time":"2024-03-15T10:00:01Z","level":"error","service":"auth","msg":"denied","authorization":"Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl","requestId":"req_9"}

    """.write(toFile: log, atomically: false, encoding: .utf8)
    let path = dir.file("b.md")
    let outcome = RunHarness.run(
      ["--request", "req_9", "--bundle", path] + (unredacted ? ["--no-redact"] : []) + [log])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let written =
      try String(contentsOfFile: path, encoding: .utf8)
      + String(contentsOfFile: dir.file("b.ndjson"), encoding: .utf8)
    for secret in ["s3cret", "eyJzdWIi"] { #expect(written.contains(secret) == unredacted) }
    #expect(written.contains("bob:[REDACTED:url-password]@api.example.com") != unredacted)
  }
}
