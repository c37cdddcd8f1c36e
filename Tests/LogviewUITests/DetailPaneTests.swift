import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// The detail pane lists every field as written, a prefix's or an envelope's too; shows the
/// normalized time and level beside the raw ones; and marks its cursor and hidden fields.
@Suite struct DetailPaneTests {
  static func text(_ line: String, width: Int = 80, zone: TimeZoneRule = .utc) -> [String] {
    let normalizer = Normalizer()
    return Array(line.utf8).withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        let text = DetailText(record: record, logIndex: 0, width: width, zone: zone)
        return (0..<text.ensure(lines: .max)).map {
          text.row($0, palette: Palette(colors: false)).plainText
        }
      }
    }
  }

  /// `text` in pieces of `width` columns, newlines starting a new piece, as the pane wraps.
  static func wrap(_ text: String, width: Int) -> [String] {
    Array(text.utf8).withUnsafeBufferPointer { bytes in
      var pieces: [String] = []
      var start = 0
      repeat {
        let (end, next) = DetailText.piece(
          bytes, from: start, columns: width, breaksAtNewline: true)
        pieces.append(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        start = next
      } while start < bytes.count
      return pieces
    }
  }

  @Test(arguments: [
    (
      #"[pod/api-7d9c5b9b9-abcde/app] {"level":"info","msg":"hi"}"#,
      ["pod: api-7d9c5b9b9-abcde", "container: app", "msg: hi"]
    ),
    ("time=2024-03-15T10:00:00Z level=warn msg=\"a b\" port=8080", ["port: 8080", "msg: a b"]),
    (
      #"{"log":"plain text\n","stream":"stderr","time":"2024-03-15T10:00:00Z"}"#, ["stream: stderr"]
    ),
    (
      #"{"a":{"b":[1,{"c":2}]},"s":"x\ty"}"#,
      ["a:", "  b:", "    [0] 1", #"    [1] {"c":2}"#, #"s: x\ty"#, "raw:"]
    ),
    // Raw text: no fields, its lines as written (controls escaped).
    (
      "Traceback (most recent call last):\n  File \"x.py\"\tline 1",
      ["raw:", "  Traceback (most recent call last):", #"    File "x.py"\tline 1"#]
    ),
  ])
  func showsEveryField(_ line: String, _ rows: [String]) {
    let shown = Self.text(line)
    for row in rows { #expect(shown.contains(row), "\(shown)") }
  }

  /// Issue 12 defect 3: the normalized time in the chosen zone beside the raw value of the
  /// time field, the normalized level beside a level written otherwise.
  @Test(arguments: [
    (
      #"{"time":1710460801000,"level":50,"msg":"x"}"#, TimeZoneRule.utc,
      ["time: 1710460801000  → 2024-03-15 00:00:01.000 +00:00", "level: 50  → error"]
    ),
    (
      #"{"ts":"2024-03-15T00:00:01.5Z","severity":"WARNING","msg":"x"}"#,
      TimeZoneRule(offsetSeconds: 5 * 3600 + 1800)!,
      ["ts: 2024-03-15T00:00:01.5Z  → 2024-03-15 05:30:01.500 +05:30", "severity: WARNING  → warn"]
    ),
    (#"{"level":"info","msg":"x"}"#, TimeZoneRule.utc, ["level: info", "msg: x"]),
  ])
  func showsNormalizedTimeAndLevel(_ line: String, _ zone: TimeZoneRule, _ rows: [String]) {
    let shown = Self.text(line, zone: zone)
    for row in rows { #expect(shown.contains(row), "\(shown)") }
  }

  /// A long value wraps under itself; a note that does not fit beside it gets its own line.
  @Test func wrapsLongValuesAndNotes() {
    let long = String(repeating: "abcdefghij", count: 9)
    let shown = Self.text(#"{"msg":"\#(long)"}"#, width: 40)
    let chars = Array(long)
    let first: String = "msg: " + String(chars[0..<35])
    let second: String = "     " + String(chars[35..<70])
    let third: String = "     " + String(chars[70...])
    #expect(Array(shown.prefix(3)) == [first, second, third])
    let timed = Self.text(#"{"time":1710460801000,"msg":"x"}"#, width: 30)
    #expect(timed.prefix(2) == ["time: 1710460801000", "      → 2024-03-15 00:00:01.000 +00:00"])
  }

  /// The pane with the cursor on a field and a field hidden from the rows, in color.
  @Test func rendersCursorAndHiddenFields() throws {
    let data = try UITestData.data(["incident/payment-service.log"])
    var state = AppState()
    state.stream.selected = data.rowCount - 1
    state.showDetail = true
    state.detailCursor = DetailCursor(focused: true, field: 1)
    state.columns.toggle("hostname")
    var buffer = CellBuffer(width: 100, height: 12)
    DetailPane.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 100, height: 12),
      logIndex: data.logIndex(row: data.rowCount - 1), data: data, state: state,
      palette: Palette(colors: true))
    Snapshot.expect(
      buffer.styledLines().joined(separator: "\n") + "\n",
      matches: "Tests/LogviewUITests/Snapshots/detail-cursor-100x12.txt")
  }
}
