import LogviewCore
import LogviewStore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// Issue 12 defect 6: a 20 MB record took 2.7 s to open in the detail pane and 4 s per
/// Ctrl-D (every wrapped line of the whole record was built for each frame and each key).
/// Now the pane wraps and draws what it shows: opening and scrolling take milliseconds.
@Suite(.serialized) struct DetailLargeRecordTests {
  static let size = 20_000_000
  static let width = 120
  static let height = 40

  /// One JSON line with a 20 MB string field.
  static func blobRecord() -> String {
    let words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
    let blob = String(repeating: words, count: size / words.utf8.count)
    return #"{"time":"2024-03-15T00:00:01Z","level":"info","msg":"big","blob":"\#(blob)"}"#
  }

  /// One JSON line of 20 MB made of many short fields (about 250,000).
  static func manyFieldsRecord() -> String {
    var parts: [String] = [#""time":"2024-03-15T00:00:01Z","level":"info","msg":"wide""#]
    var length = 0
    var i = 0
    while length < size {
      let part = #""field\#(i)":"value \#(i) of a record with a great many fields in it""#
      parts.append(part)
      length += part.utf8.count + 1
      i += 1
    }
    return "{" + parts.joined(separator: ",") + "}"
  }

  static func data(_ line: String) -> ViewData {
    let log = LiveLog(options: NormalizerOptions(), sources: ["big.log"])
    Array((line + "\n").utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
    let snapshot = FilteredSnapshot(
      matches: [0], scanned: 1, total: 1, complete: true, generation: 1)
    return ViewData(log: log, options: NormalizerOptions(), snapshot: snapshot)
  }

  /// Seconds of CPU `body` takes on this thread (tests run in parallel on a shared machine).
  static func seconds(_ body: () -> Void) -> Double { threadCPUSeconds(body) }

  /// Opens the detail pane on the record and presses Ctrl-D `presses` times, each with its
  /// frame, as the explorer does; returns the opening's time, the slowest Ctrl-D and the state.
  static func openAndScroll(_ data: ViewData, presses: Int) -> (Double, Double, AppState) {
    var state = AppState()
    state.stream.selected = 0
    // The detail pane alone: the stream's row of the record is the rows' business.
    func frame() {
      guard let rect = Layout(width: width, height: height, state: state).detail else { return }
      var buffer = CellBuffer(width: width, height: height)
      DetailPane.render(
        into: &buffer, rect: rect, logIndex: 0, data: data, state: state,
        palette: Palette(colors: true))
    }
    let open = seconds {
      Reducer.handle(
        .enter, state: &state, data: data,
        layout: Layout(width: width, height: height, state: state))
      frame()
    }
    var slowest = 0.0
    for _ in 0..<presses {
      slowest = max(
        slowest,
        seconds {
          Reducer.handle(
            .ctrl("d"), state: &state, data: data,
            layout: Layout(width: width, height: height, state: state))
          frame()
        })
    }
    return (open, slowest, state)
  }

  @Test(arguments: ["blob", "many fields"])
  func opensAndScrollsAt20MB(_ shape: String) throws {
    let data = Self.data(shape == "blob" ? Self.blobRecord() : Self.manyFieldsRecord())
    let (open, slowest, state) = Self.openAndScroll(data, presses: 20)
    print(
      "detail pane, 20 MB record (\(shape)): open \(open * 1000) ms, Ctrl-D ≤ \(slowest * 1000) ms")
    // CPU time of a debug build; a release build is several times faster.
    #expect(open < 1.0, "opening took \(open) s")
    #expect(slowest < 0.1, "a Ctrl-D took \(slowest) s")
    // The work is bounded by what was shown: 20 half-panes and a pane, not the record.
    let pane = try #require(Layout(width: Self.width, height: Self.height, state: state).detail)
    let text = try #require(data.detailCache)
    #expect(state.detailScroll == 20 * (pane.height / 2))
    #expect(text.lines.count <= state.detailScroll + pane.height + 1)
    #expect(!text.complete)
  }

  /// The last screenful is still the limit: a record shorter than the scroll stops there.
  @Test func scrollingStopsAtTheLastScreenful() throws {
    let data = Self.data(#"{"level":"info","msg":"short","a":1,"b":2}"#)
    let (_, _, state) = Self.openAndScroll(data, presses: 5)
    #expect(state.detailScroll == 0)
  }
}
