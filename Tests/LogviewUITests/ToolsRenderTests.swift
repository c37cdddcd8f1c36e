import Foundation
import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// Screens of the tools, against Snapshots/*.txt (styles included): the marks' gutter in the
/// stream, errors pane and correlation view; the help box scrolled; the save prompt.
/// RECORD_SNAPSHOTS=1 re-records them.
@Suite struct ToolsRenderTests {
  struct Scenario: CustomTestStringConvertible, Sendable {
    var name: String
    var keys: [Key]
    var testDescription: String { name }
  }

  static let scenarios: [Scenario] = [
    // Two warnings marked in the errors pane, and the stream following its selection.
    Scenario(
      name: "marks",
      keys: [.char("t"), .tab, .char("g"), .char("m"), .char("j"), .char("j"), .char("m"), .tab]),
    Scenario(
      name: "marks-correlation",
      keys: [.char("g"), .char("/")] + "req_7f42a9c1".map { .char($0) }
        + [.enter, .char("m"), .char("c")]),
    Scenario(name: "help-scrolled", keys: [.char("?"), .char("j")]),
    Scenario(name: "save-prompt", keys: [.char("S")] + "~/incident.log".map { .char($0) }),
  ]

  @Test(arguments: scenarios)
  func matchesSnapshot(_ scenario: Scenario) throws {
    let data = try UITestData.data()
    let (width, height) = (100, 24)
    var state = AppState()
    state.stream.selected = data.rowCount - 1
    ScreenSnapshot.press(scenario.keys, state: &state, data: data, width: width, height: height)
    ScreenSnapshot.expect(
      "tools-\(scenario.name)", state: state, data: data, width: width, height: height)
  }

  /// The box scrolls no further than its last entry, and says where more entries are.
  @Test func helpScrollsToItsEndAndCloses() throws {
    let data = try UITestData.data()
    var state = ReducerTests.run([.char("?"), .end], data: data, width: 80, height: 24)
    let rows = HelpOverlay.visibleRows(screenHeight: 24)
    #expect(rows < HelpOverlay.entries.count)
    #expect(state.helpScroll == HelpOverlay.entries.count - rows)
    state = ReducerTests.run(
      [.pageDown, .char("j")], state: state, data: data, width: 80, height: 24)
    #expect(state.helpScroll == HelpOverlay.entries.count - rows)
    #expect(state.mode == .help)
    let screen = AppView(palette: Palette(colors: false), zone: .utc).render(
      state: state, data: data, rate: RateMeter(), width: 80, height: 24
    ).lines().joined(separator: "\n")
    #expect(screen.contains("↑ more") && !screen.contains("more ↓"))
    #expect(screen.contains("quit"))
    state = ReducerTests.run([.char("x")], state: state, data: data, width: 80, height: 24)
    #expect(state.mode == .browse && state.helpScroll == 0)
  }

  /// The status line counts the marks.
  @Test func statusLineCountsMarks() throws {
    let data = try UITestData.data()
    let state = ReducerTests.run(
      [.char("m"), .char("k"), .char("m"), .char("k"), .char("m")], data: data)
    let top = AppView(palette: Palette(colors: false), zone: .utc).render(
      state: state, data: data, rate: RateMeter(), width: 120, height: 30
    ).lines()[0]
    #expect(top.contains("3 marked · "), "\(top)")
  }
}
