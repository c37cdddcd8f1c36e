import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// Whole screens with dates, wrapped rows and hidden fields (issue 12: defect 3, tool 14),
/// compared with Snapshots/rows-*.txt (RECORD_SNAPSHOTS=1 re-records them).
@Suite struct RowsRenderTests {
  struct Scenario: CustomTestStringConvertible, Sendable {
    var name: String
    var fixtures: [String] = UITestData.incident
    /// The wall clock: dates show unless every record is from this day.
    var now = "2024-03-15T12:00:00Z"
    var keys: [Key] = []
    var hidden: [String] = []
    var width = 100
    var height = 24
    var testDescription: String { name }
  }

  static let scenarios: [Scenario] = [
    // A batch across two midnights: every row dated, the selection on the newest.
    Scenario(name: "dates", fixtures: ["midnight/nightly-batch.log"]),
    // Its request across midnight: the span's ends dated too.
    Scenario(
      name: "dates-correlation", fixtures: ["midnight/nightly-batch.log"],
      keys: [.char("g"), .down, .down, .char("c")]),
    // The incident, all on one day but not today's.
    Scenario(name: "dates-not-today", now: "2024-03-18T09:00:00Z", width: 80),
    // Long rows wrapped, the selection on the first, search hits on its lines.
    Scenario(
      name: "wrap",
      keys: [.ctrl("w"), .char("g"), .char("/")] + "POST".map { .char($0) } + [.enter],
      width: 80),
    // Wrapped in the errors pane too, the focus there.
    Scenario(name: "wrap-errors", keys: [.ctrl("w"), .char("t"), .tab, .char("g")], width: 80),
    // pid and hostname left out of payment-service's rows; the status line says so.
    Scenario(
      name: "hidden-fields", fixtures: ["incident/payment-service.log"], keys: [.char("g")],
      hidden: ["pid", "hostname"], width: 120),
  ]

  @Test(arguments: scenarios)
  func matchesSnapshot(_ scenario: Scenario) throws {
    let data = try UITestData.data(scenario.fixtures)
    var state = AppState()
    state.columns = FieldColumns(hidden: Set(scenario.hidden))
    state.rows.dates = TimeColumn.showsDates(
      span: data.log.timeSpan, now: TimeColumnTests.at(scenario.now), zone: .utc)
    let size = (width: scenario.width, height: scenario.height)
    state.stream.selected = data.rowCount - 1
    state.stream.clamp(
      count: data.rowCount,
      height: Layout(width: size.width, height: size.height, state: state).listHeight(state))
    ScreenSnapshot.press(
      scenario.keys, state: &state, data: data, width: size.width, height: size.height)
    ScreenSnapshot.expect(
      "rows-\(scenario.name)", state: state, data: data, width: size.width, height: size.height)
  }
}
