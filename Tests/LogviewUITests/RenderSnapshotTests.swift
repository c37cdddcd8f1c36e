import Foundation
import LogviewCore
import LogviewQuery
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// Whole screens rendered into an in-memory screen and compared with Snapshots/*.txt, styles
/// included (colors, selection, highlights: see CellBuffer.styledLines for the notation).
/// After an intended change: RECORD_SNAPSHOTS=1 swift test --filter RenderSnapshotTests,
/// review the diff, run again without it.
@Suite struct RenderSnapshotTests {
  struct Scenario: CustomTestStringConvertible, Sendable {
    var name: String
    var keys: [Key]
    var colors = true
    var testDescription: String { name }
  }

  static let scenarios: [Scenario] = [
    Scenario(name: "stream", keys: []),
    Scenario(
      name: "filter-error", keys: [.char("f")] + "service=checkout-api level>=".map { .char($0) }),
    Scenario(name: "detail", keys: [.char("g"), .char("e"), .enter]),
    Scenario(
      name: "correlation",
      keys: [.char("g"), .char("/")] + "req_7f42a9c1".map { .char($0) } + [.enter, .char("c")]),
    Scenario(name: "split", keys: [.char("t"), .tab, .char("g")]),
    Scenario(name: "help", keys: [.char("?")]),
    // Search hits highlighted on the rows around the selection.
    Scenario(
      name: "search", keys: [.char("g"), .char("/")] + "circuit".map { .char($0) } + [.enter]),
    // Without colors, levels still differ by attributes.
    Scenario(name: "stream-mono", keys: [], colors: false),
  ]

  static let sizes = [(80, 24), (160, 50)]

  @Test(arguments: scenarios)
  func matchesSnapshot(_ scenario: Scenario) throws {
    let data = try UITestData.data()
    for (width, height) in Self.sizes {
      var state = AppState()
      state.stream.selected = data.rowCount - 1
      state.stream.clamp(
        count: data.rowCount,
        height: Layout(width: width, height: height, state: state).listHeight(state))
      ScreenSnapshot.press(scenario.keys, state: &state, data: data, width: width, height: height)
      // A filter typed into the bar: applied by the runner, here by hand.
      if state.mode == .filter {
        do {
          _ = try Query.parse(state.filterEditor.text).compile(now: 0, zone: .utc)
        } catch {
          state.filterError = error
        }
      }
      ScreenSnapshot.expect(
        scenario.name, state: state, data: data, width: width, height: height,
        colors: scenario.colors)
    }
  }

  @Test func tinyTerminalGetsANotice() throws {
    let data = try UITestData.data()
    let buffer = AppView(palette: Palette(colors: false), zone: .utc).render(
      state: AppState(), data: data, rate: RateMeter(), width: 20, height: 5)
    #expect(buffer.lines()[0] == "terminal too small")
  }

  @Test func monochromeStillDistinguishesLevels() {
    let mono = Palette(colors: false)
    let styles = Level.allCases.map { mono.level($0) }
    #expect(Set(styles.dropFirst(2)).count == 4)
    #expect(styles.allSatisfy { $0.fg == .standard && $0.bg == .standard })
  }
}
