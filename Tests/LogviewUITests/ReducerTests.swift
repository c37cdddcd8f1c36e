import Dispatch
import LogviewCore
import Testing

@testable import LogviewUI

/// Key sequences driven through the reducer over the incident fixture.
@Suite struct ReducerTests {
  static func run(
    _ keys: [Key], state: AppState = AppState(), data: ViewData, width: Int = 120, height: Int = 30
  ) -> AppState {
    var state = state
    // As the runner does: following starts at the newest record.
    if state.stream.selected < 0 { state.stream.selected = data.rowCount - 1 }
    for key in keys {
      let layout = Layout(width: width, height: height, state: state)
      Reducer.handle(key, state: &state, data: data, layout: layout)
    }
    return state
  }

  @Test func movingUpPausesFollowAndEndResumes() throws {
    let data = try UITestData.data()
    var state = Self.run([.up, .up], data: data)
    #expect(!state.follow)
    #expect(state.stream.selected == data.rowCount - 3)
    state = Self.run([.end], state: state, data: data)
    #expect(state.follow)
    #expect(state.stream.selected == data.rowCount - 1)
    state = Self.run([.char("g")], state: state, data: data)
    #expect(state.stream.selected == 0 && !state.follow)
    state = Self.run([.pageDown], state: state, data: data)
    #expect(state.stream.selected == 28)
    // The view scrolled by a page with it, not by one row.
    #expect(state.stream.top == 28)
    state = Self.run([.pageUp], state: state, data: data)
    #expect(state.stream.selected == 0 && state.stream.top == 0)
    state = Self.run([.char("G")], state: state, data: data)
    #expect(state.follow)
  }

  @Test func nextAndPreviousErrorAndWarning() throws {
    let data = try UITestData.data()
    let state = Self.run([.char("g"), .char("e")], data: data)
    #expect(data.level(row: state.stream.selected).map { $0 >= .error } == true)
    let back = Self.run([.char("E")], state: state, data: data)
    #expect(back.notice == "no more above")
    let warn = Self.run([.char("w")], state: Self.run([.char("g")], data: data), data: data)
    #expect(data.level(row: warn.stream.selected) == .warn)
  }

  @Test func filterBarEditsLikeAShellLine() throws {
    let data = try UITestData.data()
    var state = Self.run([.char("f")] + "level>=warn".map { .char($0) }, data: data)
    #expect(state.mode == .filter)
    #expect(state.filterEditor.text == "level>=warn")
    state = Self.run([.ctrl("w")], state: state, data: data)
    #expect(state.filterEditor.text == "")
    state = Self.run(
      "svc x".map { .char($0) } + [.home, .char("a"), .ctrl("u")], state: state, data: data)
    #expect(state.filterEditor.text == "svc x")
    state = Self.run([.escape], state: state, data: data)
    #expect(state.mode == .browse)
    #expect(state.filterEditor.text == "")
    state.appliedFilter = "level>=error"
    state = Self.run([.char(":"), .char(" "), .char("x"), .enter], state: state, data: data)
    #expect(state.filterEditor.text == "level>=error x")
    #expect(state.filterEditor.history == ["level>=error x"])
  }

  /// Ctrl-D / Ctrl-U scroll a long record in the detail pane, stopping at its last
  /// screenful and at the top; another record starts at the top again.
  @Test func detailPaneScrollsALongRecord() throws {
    let data = try UITestData.data(["mixed/mixed.log"])
    // A record a few panes long (a traceback or a record with many fields).
    let counts = (0..<data.rowCount).map { row in
      data.withRecord(logIndex: data.logIndex(row: row)) {
        DetailText(record: $0, logIndex: row, width: 78, zone: .utc).ensure(lines: .max)
      }
    }
    let row = try #require(counts.indices.first { counts[$0] > 20 && counts[$0] < 200 })
    var state = AppState()
    state.stream.selected = row
    state = Self.run([.enter], state: state, data: data, width: 80, height: 16)
    let pane = try #require(Layout(width: 80, height: 16, state: state).detail)
    let last = counts[row] - (pane.height - 1)
    try #require(last > 0, "no record is longer than the pane")
    state = Self.run(
      Array(repeating: .ctrl("d"), count: 50), state: state, data: data, width: 80, height: 16)
    #expect(state.detailScroll == last)
    state = Self.run([.ctrl("u")], state: state, data: data, width: 80, height: 16)
    #expect(state.detailScroll == max(0, last - pane.height / 2))
    state = Self.run(
      Array(repeating: .ctrl("u"), count: 50), state: state, data: data, width: 80, height: 16)
    #expect(state.detailScroll == 0)
    state = Self.run([.ctrl("d"), .down], state: state, data: data, width: 80, height: 16)
    #expect(state.detailScroll == 0)
  }

  /// Wrapping a 1 MB line for the detail pane takes linear time (it rescanned the rest of
  /// the line for every piece: a 100 KB record took seconds a frame).
  @Test func wrappingAHugeLineIsLinear() {
    let line = String(repeating: "0123456789", count: 100_000)
    let start = DispatchTime.now()
    let pieces = DetailPaneTests.wrap(line, width: 80)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    #expect(pieces.count == 12_500)
    #expect(pieces.joined() == line)
    #expect(seconds < 5, "took \(seconds) s")
  }

  /// A click on a stream row selects that row and pauses following; outside the list it
  /// does nothing.
  @Test func clickSelectsARow() throws {
    let data = try UITestData.data()
    var state = Self.run([], data: data)
    let layout = Layout(width: 120, height: 30, state: state)
    let top = state.stream.top
    state = Self.run([.click(x: 5, y: layout.main.y + 2)], state: state, data: data)
    #expect(state.stream.selected == top + 2)
    #expect(!state.follow)
    let before = state
    state = Self.run([.click(x: 5, y: 0)], state: state, data: data)
    #expect(state == before)
  }

  /// Esc gives back the filter that was applied before editing, not an empty bar.
  @Test func escapeRestoresTheAppliedFilter() throws {
    let data = try UITestData.data()
    var state = AppState()
    state.appliedFilter = "level>=error"
    state.filterEditor.set("level>=error")
    state = Self.run(
      [.char("f"), .ctrl("u")] + "timeout".map { .char($0) }, state: state, data: data)
    #expect(state.filterEditor.text == "timeout")
    state = Self.run([.escape], state: state, data: data)
    #expect(state.mode == .browse)
    #expect(state.filterEditor.text == "level>=error")
  }

  @Test func correlationOpensAndReturns() throws {
    let data = try UITestData.data()
    // Select a record of the known failing request.
    var row = 0
    while row < data.rowCount {
      let id = data.withRecord(logIndex: data.logIndex(row: row)) { $0.string(of: .requestId) }
      if id == "req_7f42a9c1" { break }
      row += 1
    }
    var state = AppState()
    state.stream.selected = row
    state.follow = false
    state = Self.run([.char("c")], state: state, data: data)
    #expect(state.main == .correlation)
    #expect(state.correlation?.records.count == 6)
    state = Self.run([.down, .escape], state: state, data: data)
    #expect(state.main == .stream)
    #expect(state.stream.selected == row)
  }

  @Test func errorsPaneDrivesTheStream() throws {
    let data = try UITestData.data()
    var state = Self.run([.char("t"), .tab, .char("g"), .down], data: data)
    #expect(state.showErrorsPane && state.errorsFocused)
    #expect(state.stream.selected == data.errorRows[1])
    state = Self.run([.tab], state: state, data: data)
    #expect(!state.errorsFocused)
  }

  @Test func helpAndQuit() throws {
    let data = try UITestData.data()
    var state = Self.run([.char("?")], data: data)
    #expect(state.mode == .help)
    state = Self.run([.char("x")], state: state, data: data)
    #expect(state.mode == .browse)
    #expect(Self.run([.char("q")], data: data).quit)
  }

  @Test func sourceColumnToggles() throws {
    let data = try UITestData.data()
    let state = Self.run([.char("s")], data: data)
    #expect(state.showSource)
    let buffer = AppView(palette: Palette(colors: false), zone: .utc).render(
      state: state, data: data, rate: RateMeter(), width: 120, height: 10)
    #expect(buffer.lines()[1].hasPrefix("checkout-api     10:00:01.203"))
    #expect(!Self.run([.char("s"), .char("s")], data: data).showSource)
  }
}
