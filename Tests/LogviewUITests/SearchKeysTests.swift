import LogviewCore
import Testing

@testable import LogviewUI

/// `/`, `n`, `N` and where jumps put their target, through the reducer; the hits come at
/// once from SearchTestSupport (the explorer finds them off the UI thread).
@Suite struct SearchKeysTests {
  static let width = 120
  static let height = 30

  /// Keys as the explorer hands them over, starting from following (the last row).
  static func run(
    _ keys: [Key], state: AppState? = nil, data: ViewData, hitsArrive: Bool = true
  ) -> AppState {
    var state = state ?? following(data)
    for key in keys {
      let layout = Layout(width: width, height: height, state: state)
      Reducer.handle(key, state: &state, data: data, layout: layout)
      if hitsArrive {
        SearchTestSupport.settle(&state, data: data, height: layout.listHeight(state))
      }
    }
    return state
  }

  static func following(_ data: ViewData) -> AppState {
    var state = AppState()
    state.stream.selected = data.rowCount - 1
    state.stream.clamp(count: data.rowCount, height: listHeight(state))
    return state
  }

  static func listHeight(_ state: AppState) -> Int {
    Layout(width: width, height: height, state: state).listHeight(state)
  }

  static func search(_ text: String) -> [Key] { [.char("/")] + text.map { .char($0) } + [.enter] }

  static func lines(_ count: Int, _ special: [Int: String]) -> [String] {
    (0..<count).map { special[$0] ?? "line \($0)" }
  }

  /// Following keeps the selection on the last row; a match above it on screen is found
  /// (it said "not found below").
  @Test func aMatchOnScreenIsFoundWhileFollowing() {
    let data = SearchTestSupport.data(messages: Self.lines(100, [90: "request timed out"]))
    let state = Self.run(Self.search("timed out"), data: data)
    #expect(state.stream.selected == 90)
    #expect(state.notice == nil)
    #expect(state.searchState.hitCount == 1 && state.searchState.hitNumber == 1)
  }

  /// n and N go round the ends of the view and say so.
  @Test func nextAndPreviousWrapAround() {
    let data = SearchTestSupport.data(
      messages: Self.lines(100, [10: "timed out", 90: "timed out again"]))
    var state = Self.run(Self.search("timed out"), data: data)
    #expect(state.stream.selected == 90)
    state = Self.run([.char("n")], state: state, data: data)
    #expect(state.stream.selected == 10)
    #expect(state.notice == "search wrapped")
    #expect(state.searchState.hitNumber == 1)
    state = Self.run([.char("n")], state: state, data: data)
    #expect(state.stream.selected == 90 && state.notice == nil)
    state = Self.run([.char("N")], state: state, data: data)
    #expect(state.stream.selected == 10 && state.notice == nil)
    state = Self.run([.char("N")], state: state, data: data)
    #expect(state.stream.selected == 90 && state.notice == "search wrapped")
  }

  /// A regular expression with smart case: lowercase ignores case, an uppercase letter
  /// outside escapes (`\S` is not one) makes the search exact.
  @Test(arguments: [
    ("time(d)? ?out", 3), ("Time", 1), (#"\S+out"#, 2), ("[A-Z]{7}", 1), ("timeouts?$", 0),
  ])
  func regexWithSmartCase(pattern: String, hits: Int) {
    let data = SearchTestSupport.data(
      messages: ["Timeout while reading", "timed out after 3s", "TIMEOUT", "plain"])
    let state = Self.run(Self.search(pattern), data: data)
    #expect(state.searchState.hitCount == hits, "\(pattern)")
    #expect(state.searchState.term?.pattern.isRegex == true)
    #expect(state.notice == (hits == 0 ? "'\(pattern)' not found" : nil))
  }

  /// Text that is not a regular expression is searched as written, and the bar says so.
  @Test func anInvalidExpressionIsSearchedAsText() {
    let data = SearchTestSupport.data(messages: ["a (b+ c", "plain", "b"])
    let state = Self.run(Self.search("(b+"), data: data)
    #expect(state.notice == "not a regular expression: searching the text")
    #expect(state.stream.selected == 0)
    #expect(state.searchState.hitCount == 1)
  }

  /// While the hits are still being found the jump waits (and the screen answers keys);
  /// it is taken once they come in.
  @Test func aJumpWaitsForTheHits() {
    let data = SearchTestSupport.data(messages: Self.lines(100, [90: "timed out"]))
    var state = Self.run(Self.search("timed out"), data: data, hitsArrive: false)
    #expect(state.searchState.pending != nil)
    #expect(state.stream.selected == 99)
    SearchTestSupport.settle(&state, data: data, height: Self.listHeight(state))
    #expect(state.searchState.pending == nil)
    #expect(state.stream.selected == 90)
  }

  /// e/E/w/W and n/N bring a target off screen to the middle, with context after it; a
  /// target already on screen is selected where it is.
  @Test func jumpTargetsOffScreenAreCentered() {
    let data = SearchTestSupport.data(
      messages: Self.lines(300, [150: "an error", 155: "an error", 250: "timed out"]))
    let height = Self.listHeight(AppState())
    var state = Self.run([.char("g"), .char("e")], state: AppState(), data: data)
    #expect(state.stream.selected == 150)
    #expect(state.stream.top == 150 - height / 2)
    state = Self.run([.char("e")], state: state, data: data)
    #expect(state.stream.selected == 155)
    #expect(state.stream.top == 150 - height / 2, "on screen: no scroll")
    state = Self.run([.char("E"), .char("E")], state: state, data: data)
    #expect(state.notice == "no more above")
    state = Self.run(Self.search("timed out"), state: state, data: data)
    #expect(state.stream.selected == 250)
    #expect(state.stream.top == 250 - height / 2)
  }
}
