import LogviewCore
import LogviewStore
import Testing

@testable import LogviewUI

/// Ctrl-W wraps long rows (issue 12, tool 14): the lines a row is cut into, and moving,
/// paging, following and clicking over records of several screen lines.
@Suite struct RowWrapTests {
  static let width = 60
  static let height = 20

  struct Case: CustomTestStringConvertible, Sendable {
    var segments: [String]
    var width: Int
    var maxLines = 10
    var lines: [String]
    var testDescription: String { "\(segments) in \(width)" }
  }

  static let cases: [Case] = [
    Case(segments: ["abcdefghij"], width: 4, lines: ["abcd", "efgh", "ij"]),
    Case(segments: ["ab", "cdef", "g"], width: 3, lines: ["abc", "def", "g"]),
    Case(segments: ["abcdefghij"], width: 4, maxLines: 2, lines: ["abcd", "efgh"]),
    Case(segments: ["abcd"], width: 4, lines: ["abcd"]),
    // A wide character never straddles the edge: it starts the next line.
    Case(segments: ["ab日本"], width: 3, lines: ["ab", "日", "本"]),
    // One wider than the line stands alone rather than looping.
    Case(segments: ["日x"], width: 1, lines: ["日", "x"]),
  ]

  @Test(arguments: cases)
  func wrapsAtCharacterBoundaries(_ c: Case) {
    var text = RowText()
    for (i, segment) in c.segments.enumerated() {
      text.append(segment, Style(bold: i % 2 == 1))
    }
    let lines = text.wrapped(width: c.width, maxLines: c.maxLines)
    #expect(lines.map(\.plainText) == c.lines)
  }

  @Test func wrappedLinesKeepTheirSegmentsStyles() {
    var text = RowText()
    text.append("ab", Style(bold: true))
    text.append("cd", Style(dim: true))
    let lines = text.wrapped(width: 3, maxLines: 5)
    #expect(lines[0].segments.map(\.style) == [Style(bold: true), Style(dim: true)])
    #expect(lines[1].segments == [RowText.Segment(text: "d", style: Style(dim: true))])
  }

  /// A search hit broken across two lines of a wrapped row is marked on both.
  @Test func aHitAcrossTheWrapIsMarkedOnBothLines() throws {
    let log = LiveLog(options: NormalizerOptions(), sources: ["a.log"])
    Array((#"{"level":"info","msg":"abcdefgh"}"# + "\n").utf8).withUnsafeBytes {
      _ = log.append($0, source: 0)
    }
    let data = ViewData(
      log: log, options: NormalizerOptions(), snapshot: try UITestData.snapshot(log))
    let palette = Palette(colors: true)
    let list = RecordList(
      formatter: RowFormatter(palette: palette, zone: .utc), palette: palette, wrap: true)
    // Time, level and service take 36 columns: "abcd" ends the first line.
    var buffer = CellBuffer(width: 40, height: 2)
    list.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 40, height: 2), data: data, count: 1,
      position: ListPosition(selected: -1), focused: true, horizontalOffset: 0,
      search: SearchTerm("cdef")
    ) { $0 }
    #expect(
      buffer.lines() == [
        String(repeating: " ", count: 12) + " INFO " + String(repeating: " ", count: 18) + "abcd",
        "efgh",
      ])
    let marked = buffer.styledLines()
    #expect(marked[0].hasSuffix("ab«k/y:cd»"), "\(marked)")
    #expect(marked[1].hasPrefix("«k/y:ef»gh"), "\(marked)")
  }

  // MARK: navigation

  static func run(_ keys: [Key], state: AppState = AppState(), data: ViewData) -> AppState {
    var state = state
    if state.stream.selected < 0 { state.stream.selected = data.rowCount - 1 }
    for key in keys {
      Reducer.handle(
        key, state: &state, data: data, layout: Layout(width: width, height: height, state: state))
    }
    return state
  }

  static func lines(_ state: AppState, _ data: ViewData) -> ListLines {
    ListLines.stream(
      state: state, data: data, layout: Layout(width: width, height: height, state: state))
  }

  /// The selected record's lines all on screen.
  static func selectionVisible(_ state: AppState, _ data: ViewData) -> Bool {
    let lines = Self.lines(state, data)
    let used = (state.stream.top...state.stream.selected).reduce(0) { $0 + lines.lines($1) }
    return state.stream.top <= state.stream.selected && used <= lines.height
  }

  @Test func ctrlWTogglesWrappingOnlyWhileBrowsing() throws {
    let data = try UITestData.data()
    var state = Self.run([.ctrl("w")], data: data)
    #expect(state.rows.wrap)
    #expect(state.notice == "long rows wrapped")
    state = Self.run([.ctrl("w")], state: state, data: data)
    #expect(!state.rows.wrap)
    // In the filter bar Ctrl-W deletes a word.
    state = Self.run([.char("f"), .char("x"), .ctrl("w")], state: state, data: data)
    #expect(!state.rows.wrap && state.filterEditor.text == "")
  }

  @Test func followingShowsTheNewestRecordWhole() throws {
    let data = try UITestData.data()
    let state = Self.run([.ctrl("w")], data: data)
    #expect(state.follow && state.stream.selected == data.rowCount - 1)
    let lines = Self.lines(state, data)
    #expect(lines.lines(data.rowCount - 1) > 1)
    #expect(Self.selectionVisible(state, data))
    // The screen is full: one more record above would not fit.
    let used = (state.stream.top..<data.rowCount).reduce(0) { $0 + lines.lines($1) }
    #expect(used + lines.lines(state.stream.top - 1) > lines.height)
  }

  @Test func movingKeepsTheSelectionWholeAndScrollsOnlyWhenNeeded() throws {
    let data = try UITestData.data()
    var state = Self.run([.ctrl("w"), .char("g")], data: data)
    #expect(state.stream.top == 0 && state.stream.selected == 0)
    var tops: [Int] = []
    for _ in 0..<30 {
      state = Self.run([.down], state: state, data: data)
      #expect(Self.selectionVisible(state, data))
      tops.append(state.stream.top)
    }
    #expect(tops == tops.sorted())
    #expect(tops.last! > 0)
    // Back up by one: still visible where it is, so the view stays.
    let top = state.stream.top
    state = Self.run([.up], state: state, data: data)
    #expect(state.stream.top == top)
    // Near the end too (rows counted as one line each pulled the view back there).
    state = Self.run([.end, .up, .up], state: state, data: data)
    let settled = state.stream.top
    state = Self.run([.down], state: state, data: data)
    #expect(state.stream.top == settled)
    #expect(Self.selectionVisible(state, data))
  }

  @Test func pagingMovesByWhatTheScreenShows() throws {
    let data = try UITestData.data()
    var state = Self.run([.ctrl("w"), .char("g")], data: data)
    let shown = Self.lines(state, data).rowsShown(from: 0, count: data.rowCount)
    #expect(shown > 1 && shown < Self.lines(state, data).height)
    state = Self.run([.pageDown], state: state, data: data)
    #expect(state.stream.top == shown)
    #expect(state.stream.selected == shown)
    #expect(!state.follow)
    #expect(Self.selectionVisible(state, data))
    state = Self.run([.pageUp], state: state, data: data)
    #expect(state.stream.top == 0 && state.stream.selected == 0)
    // Paging to the end resumes following, the last record whole.
    state = Self.run([.end] + Array(repeating: .up, count: 12), state: state, data: data)
    for _ in 0..<12 where !state.follow {
      state = Self.run([.char(" ")], state: state, data: data)
    }
    #expect(state.follow && state.stream.selected == data.rowCount - 1)
    #expect(Self.selectionVisible(state, data))
  }

  @Test func aClickSelectsTheRecordDrawnOnThatLine() throws {
    let data = try UITestData.data()
    let state = Self.run([.ctrl("w"), .char("g")], data: data)
    let lines = Self.lines(state, data)
    // The second record starts below all of the first one's lines.
    let y = 1 + lines.lines(0)
    #expect(Self.run([.click(x: 5, y: y)], state: state, data: data).stream.selected == 1)
    #expect(Self.run([.click(x: 5, y: y - 1)], state: state, data: data).stream.selected == 0)
  }

  @Test func theErrorsPaneWrapsAndPagesToo() throws {
    let data = try UITestData.data()
    var state = Self.run([.ctrl("w"), .char("t"), .tab, .char("g")], data: data)
    #expect(state.errorsFocused && state.errors.selected == 0)
    let layout = Layout(width: Self.width, height: Self.height, state: state)
    let lines = ListLines.errors(state: state, data: data, layout: layout)
    let shown = lines.rowsShown(from: 0, count: data.errorRows.count)
    #expect(lines.lines(0) > 1)
    state = Self.run([.pageDown], state: state, data: data)
    #expect(state.errors.top == shown && state.errors.selected == shown)
    // The stream follows the pane's selection, wholly visible.
    #expect(state.stream.selected == data.errorRows[shown])
    #expect(Self.selectionVisible(state, data))
  }
}
