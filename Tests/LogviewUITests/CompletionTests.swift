import LogviewQuery
import Testing

@testable import LogviewUI

@Suite struct CompletionTests {
  static func complete(_ text: String, data: ViewData) -> AppState {
    var state = AppState()
    state.mode = .filter
    state.filterEditor.set(text)
    let layout = Layout(width: 100, height: 30, state: state)
    Reducer.handle(.tab, state: &state, data: data, layout: layout)
    return state
  }

  @Test func completesFieldNames() throws {
    let data = try UITestData.data(["incident/inventory.log"])
    #expect(
      Self.complete("level>=warn durat", data: data).filterEditor.text == "level>=warn durationMs")
    #expect(Self.complete("se", data: data).filterEditor.text == "service")
    // Several candidates: the common prefix is inserted and the candidates are offered.
    let several = Self.complete("re", data: data)
    #expect(
      several.completions.contains("requestId") && several.completions.contains("reservation"))
  }

  @Test func completesFrequentValuesAfterAnOperator() throws {
    let data = try UITestData.data(["incident/inventory.log"])
    #expect(Self.complete("service=inv", data: data).filterEditor.text == "service=inventory")
    let events = Self.complete("event=", data: data).completions
    #expect(events.first == "inventory.reserve")
    #expect(Self.complete("level=er", data: data).filterEditor.text == "level=error")
  }

  /// Nested fields complete by their dotted paths (issue 12 tool 12).
  @Test func completesNestedPaths() throws {
    let data = try UITestData.data(["incident/payment-service.log"])
    let nested = Self.complete("amount.", data: data)
    #expect(nested.filterEditor.text == "amount.")
    #expect(Set(nested.completions) == ["amount.value", "amount.currency"])
    #expect(Self.complete("amount.c", data: data).filterEditor.text == "amount.currency")
    let errors = try UITestData.data(["incident/checkout-api.log"])
    #expect(Self.complete("error.up", data: errors).filterEditor.text == "error.upstream")
    #expect(
      Self.complete("level>=warn error.c", data: errors).filterEditor.text
        == "level>=warn error.code")
  }

  /// The fields a filter names, less the normalized names, for the bar's hint.
  @Test(arguments: [
    ("levl=error", ["levl"]),
    ("level>=warn msg~x service=a rid=b ts>-1h since:1h", []),
    ("not (a.b=1 or exists(c)) d in (x, y) e:* a.b=2 timeout", ["a.b", "c", "d", "e"]),
  ])
  func filterFieldPaths(_ filter: String, _ paths: [String]) throws {
    #expect(try Query.parse(filter).fieldPaths == paths)
  }

  /// A filter naming a field no record has says so instead of a silent 0 rows; one whose
  /// fields exist, or that shows rows, does not.
  @Test func hintsAtAFieldNoRecordHas() throws {
    let data = try UITestData.data(["incident/payment-service.log"])
    #expect(FieldCatalog.missingFieldHint("levl=error", data: data) == "no record has field 'levl'")
    #expect(FieldCatalog.missingFieldHint("amount.currency=USD", data: data) == nil)
    #expect(FieldCatalog.missingFieldHint("level=error userId=x", data: data) == nil)
    let f = ExplorerControllerTests.Fixture(lines: 50, filter: "levl=error")
    #expect(f.controller.state.filterWarning == "no record has field 'levl'")
    var buffer = CellBuffer(width: 120, height: 1)
    BottomBar.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 120, height: 1), state: f.controller.state,
      palette: Palette(colors: false))
    #expect(buffer.styledLines()[0].contains("no record has field 'levl'"))
    let shown = ExplorerControllerTests.Fixture(lines: 50, filter: "level=error")
    #expect(shown.controller.state.filterWarning == nil)
  }

  /// The sample: everything of a small log; the ends and a spread of a large one.
  @Test func samplesTheEndsAndBetween() {
    #expect(FieldCatalog.sample(first: 0, count: 10) == Array(0..<10))
    let large = FieldCatalog.sample(first: 0, count: 1_000_000)
    #expect(large.count == 3_000 && large.contains(0) && large.contains(999_999))
    #expect(large.contains { $0 > 400_000 && $0 < 600_000 })
  }
}
