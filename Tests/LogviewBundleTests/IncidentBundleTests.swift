import Foundation
import LogviewCore
import LogviewSystem
import LogviewTestSupport
import Testing

@testable import LogviewBundle

/// A bundle's Markdown and NDJSON from records as the normalizer reads them: the summary,
/// one table row per record whatever its message holds, fences, redaction, the files.
@Suite struct IncidentBundleTests {
  static func bundle(
    _ records: [String], redaction: BundleRedaction = .standard, id: String = "req_1"
  ) -> IncidentBundle {
    var bundle = IncidentBundle(id: id, redaction: redaction)
    let normalizer = Normalizer()
    for text in records {
      let bytes = Array(text.utf8)
      let first = bytes.firstIndex(of: 0x0A) ?? bytes.count
      bytes.withUnsafeBytes { raw in
        normalizer.withRecord(raw, firstLineLength: first) { bundle.add($0) }
      }
    }
    return bundle
  }

  static func markdown(_ bundle: IncidentBundle, zone: TimeZoneRule = .utc) -> String {
    String(
      decoding: BundleMarkdown(bundle, zone: zone, ndjsonName: "x.ndjson").render(), as: UTF8.self)
  }

  /// Pipes that separate cells (not escaped by a backslash).
  static func cellSeparators(_ row: Substring) -> Int {
    var count = 0
    var escaped = false
    for c in row {
      if c == "|" && !escaped { count += 1 }
      escaped = c == "\\" && !escaped
    }
    return count
  }

  static let sample = [
    #"{"time":"2024-03-15T10:00:00.000Z","level":"info","service":"api","msg":"start","requestId":"req_1"}"#,
    #"{"time":"2024-03-15T10:00:01.250Z","level":"warn","service":"db","msg":"slow query","durationMs":900,"requestId":"req_1"}"#,
    #"{"time":"2024-03-15T10:00:02.000Z","level":"error","service":"api","msg":"failed","durationMs":2000,"requestId":"req_1"}"#,
  ]

  @Test func wholeMarkdownOfASmallRequest() {
    let expected = """
      # Incident bundle: request `req_1`

      - Span: 2024-03-15 10:00:00.000 to 10:00:02.000 UTC (2 s)
      - Records: 3 (error 1, warn 1, info 1)
      - Services: api, db
      - First error: 10:00:02.000 (+2.000s) api: failed
      - Slowest step: 2 s, 10:00:02.000 (+2.000s) api: failed
      - Raw lines: below, and as NDJSON in `x.ndjson`; secrets and personal data masked as `[REDACTED:kind]`

      ## Timeline

      | offset | time | service | level | message | duration |
      |---:|---|---|---|---|---:|
      | +0.000s | 10:00:00.000 | api | INFO | start |  |
      | +1.250s | 10:00:01.250 | db | WARN | slow query | 900 ms |
      | +2.000s | 10:00:02.000 | api | ERROR | failed | 2 s |

      ## Raw lines

      ```
      \(Self.sample.joined(separator: "\n"))
      ```

      """
    #expect(Self.markdown(Self.bundle(Self.sample)) == expected)
  }

  /// Pipes, backticks and line breaks in a message or a service keep the record on one row
  /// of six cells.
  @Test func awkwardTextStaysInItsCell() {
    let line =
      #"{"time":"2024-03-15T10:00:00Z","level":"error","service":"api|edge","msg":"bad `x` | y\nnext line","requestId":"req_1"}"#
    let markdown = Self.markdown(Self.bundle([line]))
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| +") }
    #expect(rows.count == 1)
    #expect(rows.allSatisfy { Self.cellSeparators($0) == 7 }, "\(rows)")
    #expect(rows.first?.contains(#"| api\|edge | ERROR | bad \`x\` \| y\nnext line |"#) == true)
    #expect(markdown.contains(#"- First error: 10:00:00.000 (+0.000s) api\|edge: bad \`x\`"#))
  }

  /// A long message is cut in the table, whole in the raw lines.
  @Test func longMessagesAreCut() {
    let long = String(repeating: "word ", count: 100)
    let line = #"{"level":"info","msg":"\#(long)","requestId":"req_1"}"#
    let markdown = Self.markdown(Self.bundle([line]))
    let row = markdown.split(separator: "\n").first { $0.hasPrefix("|  |") }
    #expect(row?.contains(String(repeating: "word ", count: 31) + "word…") == true, "\(row ?? "")")
    #expect(markdown.contains(long))
    #expect(markdown.contains("- Span: no record has a time"))
  }

  /// Backtick runs in the raw lines lengthen the fence; controls are escaped.
  @Test func rawBlockFenceOutrunsItsContent() {
    let line = #"{"level":"info","msg":"````` and \u001b[2J","requestId":"req_1"}"#
    let markdown = Self.markdown(Self.bundle([line]))
    #expect(markdown.contains("\n``````\n" + line + "\n``````\n"))
    let text = "2024-03-15 10:00:00,123 ERROR boom \u{1B}]0;x\u{07}\n\tat Main.run(Main.java:3)"
    let traced = Self.markdown(Self.bundle([text]))
    #expect(traced.contains("```\n2024-03-15 10:00:00,123 ERROR boom \\e]0;x\\x07\n\tat Main.run"))
  }

  /// Secrets are masked in every part by default, and only then.
  @Test(arguments: [true, false])
  func redaction(_ masked: Bool) {
    let line =
      #"{"time":"2024-03-15T10:00:00Z","level":"error","msg":"login token=abc123 failed","password":"hunter2","service":"auth","requestId":"req_1"}"#
    let bundle = Self.bundle([line], redaction: masked ? .standard : .none)
    let markdown = Self.markdown(bundle)
    let ndjson = String(decoding: bundle.ndjson(), as: UTF8.self)
    for secret in ["abc123", "hunter2"] {
      #expect(markdown.contains(secret) != masked)
      #expect(ndjson.contains(secret) != masked)
    }
    #expect(markdown.contains("| login token=\\[REDACTED:secret-field] failed |") == masked)
    #expect(ndjson.contains(#""password":"[REDACTED:secret-field]""#) == masked)
    #expect(markdown.contains(masked ? "masked as `[REDACTED:kind]`" : "; not redacted"))
  }

  /// JSON records as read; any other record as an object holding its text: every line
  /// parses.
  @Test func ndjsonLinesAllParse() throws {
    let json = #"{"level":"info","msg":"ok","requestId":"req_1"}"#
    let text = "2024-03-15 10:00:00,123 ERROR req_1 boom\n\tat x"
    let logfmt = #"level=info msg="hi" requestId=req_1"#
    let ndjson = Self.bundle([json, text, logfmt], redaction: .none).ndjson()
    let lines = String(decoding: ndjson, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == json)
    #expect(lines[1] == #"{"text":"2024-03-15 10:00:00,123 ERROR req_1 boom\n\tat x"}"#)
    #expect(lines[2] == #"{"text":"level=info msg=\"hi\" requestId=req_1"}"#)
    for line in lines {
      #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) }
    }
  }

  /// Across midnight in the zone, rows show the date; records without a time have no offset.
  @Test func datesAcrossMidnightAndUntimedRecords() {
    let lines = [
      #"{"time":"2024-03-15T23:59:59.500Z","level":"info","msg":"late","requestId":"req_1"}"#,
      #"{"level":"debug","msg":"no time","requestId":"req_1"}"#,
      #"{"time":"2024-03-16T00:00:00.750Z","level":"info","msg":"early","requestId":"req_1"}"#,
    ]
    let markdown = Self.markdown(Self.bundle(lines))
    #expect(
      markdown.contains(
        "- Span: 2024-03-15 23:59:59.500 to 2024-03-16 00:00:00.750 UTC (1.25 s)"))
    #expect(markdown.contains("| +1.250s | 2024-03-16 00:00:00.750 |  | INFO | early |  |"))
    #expect(markdown.contains("|  |  |  | DEBUG | no time |  |"))
    // In Paris both are on the 16th: times of day only.
    let paris = Self.markdown(Self.bundle(lines), zone: TimeZoneRule(name: "+02:00")!)
    #expect(paris.contains("| +0.000s | 01:59:59.500 |"))
  }

  @Test(arguments: [
    ("incident.md", "incident.ndjson"), ("out/x.md", "out/x.ndjson"),
    ("bundle", "bundle.ndjson"), ("notes.txt", "notes.txt.ndjson"), ("a.md.bak", "a.md.bak.ndjson"),
  ])
  func ndjsonSitsBesideTheMarkdown(_ path: String, _ expected: String) {
    #expect(BundleFiles(path: path).ndjsonPath == expected)
  }

  /// Both files written whole; an existing one replaced only when asked; errors worded with
  /// the path as typed.
  @Test func filesAreWrittenOrRefused() throws {
    let dir = TempDirectory()
    let files = BundleFiles(path: dir.file("b.md"), shownPath: "~/b.md")
    let bundle = Self.bundle(Self.sample)
    let bytes = try files.write(bundle, zone: .utc, replace: false)
    let markdown = try String(contentsOfFile: dir.file("b.md"), encoding: .utf8)
    let ndjson = try String(contentsOfFile: dir.file("b.ndjson"), encoding: .utf8)
    #expect(bytes == markdown.utf8.count + ndjson.utf8.count)
    #expect(markdown.contains("NDJSON in `b.ndjson`"))
    #expect(ndjson == Self.sample.joined(separator: "\n") + "\n")
    #expect(throws: FileWriteError.exists(path: "~/b.md")) {
      try files.write(bundle, zone: .utc, replace: false)
    }
    try files.write(bundle, zone: .utc, replace: true)
    let missing = BundleFiles(path: dir.file("no/b.md"))
    #expect(throws: FileWriteError.cannotCreate(path: dir.file("no/b.md"), errno: ENOENT)) {
      try missing.write(bundle, zone: .utc, replace: true)
    }
    #expect(
      files.writtenNote(records: 3)
        == "bundle written: ~/b.md (3 records; raw lines as NDJSON in ~/b.ndjson)")
  }
}
