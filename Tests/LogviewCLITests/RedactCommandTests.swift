import Foundation
import LogviewCore
import LogviewTestSupport
import Testing

/// `--redact` and the filter terms `has:secret` / `has:pii` through the command line, on
/// Fixtures/secrets.
@Suite struct RedactCommandTests {
  static let fixture = RepoRoot.fixture("secrets/app.log")

  /// The planted texts (Fixtures/secrets/README.md's third column, JSON-escaped as in the log).
  static func plantedTexts() throws -> [String] {
    let readme = try String(
      contentsOfFile: RepoRoot.fixture("secrets/README.md"), encoding: .utf8)
    return readme.split(separator: "\n").compactMap { row in
      let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 3, Int(cells[0]) != nil else { return nil }
      return String(cells[2].dropFirst().dropLast())
    }
  }

  @Test(arguments: ["raw", "json"])
  func matchesGolden(_ format: String) {
    let outcome = RunHarness.run(["--redact", "-o", format, Self.fixture])
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let prefix = RepoRoot.url.appendingPathComponent("Fixtures").path + "/"
    Snapshot.expect(
      outcome.stdoutText.replacingOccurrences(of: prefix, with: ""),
      matches: "Tests/LogviewCLITests/Golden/secrets-redact-\(format).out")
  }

  @Test(arguments: ["raw", "json", "normalized", "pretty"])
  func noPlantedItemIsPrinted(_ format: String) throws {
    let outcome = RunHarness.run(["--redact", "--color", "never", "-o", format, Self.fixture])
    #expect(outcome.status == 0)
    let text = outcome.stdoutText
    let planted = try Self.plantedTexts()
    #expect(planted.count >= 19)
    for item in planted {
      // A private key block is printed unescaped by pretty output: its first line is enough.
      let needle = item.components(separatedBy: #"\n"#)[0]
      #expect(!text.contains(needle), "\(format): \(needle)")
    }
    #expect(text.contains("[REDACTED:"))
    if format == "json" || format == "normalized" {
      for line in text.split(separator: "\n") {
        #expect(
          (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
      }
    }
  }

  /// Reports quote records too (a pattern's template, a lint detail, a route): masked alike.
  @Test(arguments: ["patterns", "lint", "latency"], [false, true])
  func noPlantedItemInAReport(_ report: String, _ json: Bool) throws {
    let outcome = RunHarness.run(
      ["--redact", "--color", "never", "--report", report] + (json ? ["-o", "json"] : [])
        + [Self.fixture])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    for item in try Self.plantedTexts() {
      let needle = item.components(separatedBy: #"\n"#)[0]
      #expect(!outcome.stdoutText.contains(needle), "\(report): \(needle)")
    }
    if json {
      for line in outcome.stdoutText.split(separator: "\n") {
        #expect(
          (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
      }
    }
  }

  /// Raw output differs from the input only inside findings: every byte outside them is kept,
  /// in order, and each finding became `[REDACTED:KIND]` (quoted where it was a bare JSON
  /// value).
  @Test func rawDiffersOnlyInsideFindings() throws {
    let input = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
    let output = RunHarness.run(["--redact", "-o", "raw", Self.fixture]).stdout
    var findings: [SensitiveFinding] = []
    input.withUnsafeBytes { all in
      var start = 0
      while start < all.count {
        var end = start
        while end < all.count, all[end] != 0x0A { end += 1 }
        var inLine: [SensitiveFinding] = []
        SensitiveScan.findings(
          in: UnsafeRawBufferPointer(rebasing: all[start..<end]), into: &inLine)
        findings += inLine.map {
          SensitiveFinding($0.kind, (start + $0.range.lowerBound)..<(start + $0.range.upperBound))
        }
        start = end + 1
      }
    }
    #expect(findings.count >= 19)
    var i = 0
    var o = 0
    for finding in findings {
      let kept = input[i..<finding.range.lowerBound]
      #expect(Array(output[o..<min(output.count, o + kept.count)]) == Array(kept))
      o += kept.count
      var mask = Array("[REDACTED:\(finding.kind.name)]".utf8)
      if output[o] == UInt8(ascii: "\"") {
        mask = [UInt8(ascii: "\"")] + mask + [UInt8(ascii: "\"")]
      }
      #expect(Array(output[o..<min(output.count, o + mask.count)]) == mask, "\(finding)")
      o += mask.count
      i = finding.range.upperBound
    }
    #expect(Array(output[o...]) == Array(input[i...]))
  }

  @Test(arguments: [
    ("has:secret", "10"), ("has:pii", "7"), ("has:secret has:pii", "0"),
    ("not has:secret and not has:pii", "8"),
  ])
  func filterTermsCount(_ query: String, _ count: String) {
    let outcome = RunHarness.run(["--count", "-q", query, Self.fixture])
    #expect(outcome.stdoutText == count + "\n", "\(query): \(outcome.stderr)")
  }

  @Test func configFileTurnsRedactionOn() throws {
    let dir = TempDirectory()
    try FileManager.default.createDirectory(
      atPath: dir.file("logview"), withIntermediateDirectories: true)
    try "redact = on\n".write(toFile: dir.file("logview/config"), atomically: true, encoding: .utf8)
    let outcome = RunHarness.run(
      ["-o", "raw", "-q", "has:secret", Self.fixture], environment: ["XDG_CONFIG_HOME": dir.path])
    #expect(outcome.status == 0)
    #expect(outcome.stdoutText.contains("[REDACTED:aws-key]"))
    #expect(!outcome.stdoutText.contains("AKIAIOSFODNN7EXAMPLE"))
    try "redact = maybe\n".write(
      toFile: dir.file("logview/config"), atomically: true, encoding: .utf8)
    let bad = RunHarness.run([Self.fixture], environment: ["XDG_CONFIG_HOME": dir.path])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("bad redact 'maybe': expected on or off"))
  }
}
