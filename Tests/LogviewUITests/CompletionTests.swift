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
}
