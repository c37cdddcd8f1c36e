import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// A 20 MB record's stream row was built whole for every frame (40 to 80 ms a frame in a
/// release build, so each Ctrl-D in its detail pane still took that long on screen): a row
/// is now cut a little past what the screen can show, cut or wrapped.
@Suite(.serialized) struct LargeRowTests {
  @Test(arguments: [false, true])
  func aHugeRecordsRowIsCutToTheScreen(wrap: Bool) {
    let data = DetailLargeRecordTests.data(DetailLargeRecordTests.blobRecord())
    var state = AppState()
    state.stream.selected = 0
    state.rows.wrap = wrap
    let view = AppView(palette: Palette(colors: true), zone: .utc)
    var frame = CellBuffer(width: 0, height: 0)
    let seconds = threadCPUSeconds {
      frame = view.render(state: state, data: data, rate: RateMeter(), width: 120, height: 40)
    }
    // Debug build, shared machine: the whole row took over 0.2 s; a cut one well under.
    #expect(seconds < 0.05, "a frame took \(seconds) s")
    #expect(frame.lines()[1].contains(#"big blob="lorem ipsum"#))
  }

  @Test(arguments: [
    (#"{"msg":"héllo wörld","k":"v"}"#, 40),
    (#"{"msg":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","k":"v"}"#, 3),
    (#"{"msg":"日本語のテキスト","k":"v"}"#, 5),
  ])
  func aCutRowStaysWithinItsBytesAndWholeCharacters(line: String, room: Int) {
    let data = DetailLargeRecordTests.data(line)
    var formatter = RowFormatter(palette: Palette(colors: false), zone: .utc)
    let whole = data.withRecord(logIndex: 0) { formatter.row($0) }.plainText
    formatter.maxBytes = room
    let cut = data.withRecord(logIndex: 0) { formatter.row($0) }.plainText
    #expect(whole.hasPrefix(cut.trimmingTrailingSpaces))
    #expect(!cut.contains("\u{FFFD}"))
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}

extension LargeRowTests {
  /// Cut values keep whole escapes, surrogate pairs and characters.
  @Test(arguments: [
    (#"{"m":"x","v":"ab\ncd"}"#, 3, "ab"),
    (#"{"m":"x","v":"ab\ncd"}"#, 4, "ab\\n"),
    (#"{"m":"x","v":"ab\\\\cd"}"#, 4, "ab\\"),
    (#"{"m":"x","v":"a\u00e9bc"}"#, 5, "a"),
    (#"{"m":"x","v":"a\u00e9bc"}"#, 7, "aé"),
    (#"{"m":"x","v":"a\ud83d\ude00b"}"#, 9, "a"),
    (#"{"m":"x","v":"a\ud83d\ude00b"}"#, 13, "a😀"),
    (#"{"m":"x","v":"aéb"}"#, 2, "a"),
  ])
  func valuesAreCutBetweenCharacters(line: String, limit: Int, shown: String) {
    let data = DetailLargeRecordTests.data(line)
    let presenter = RecordPresenter()
    presenter.maxValueBytes = limit
    var value = ""
    data.withRecord(logIndex: 0) { record in
      presenter.forEachField(of: record) { key, text in
        if String(decoding: key, as: UTF8.self) == "v" {
          value = String(decoding: text, as: UTF8.self)
        }
      }
    }
    #expect(value.trimmingCharacters(in: ["\""]) == shown)
  }
}
