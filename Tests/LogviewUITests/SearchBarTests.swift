import Testing

@testable import LogviewUI

/// The bottom bar's search part: the pattern, how it is searched, and the hit count.
@Suite struct SearchBarTests {
  static func state(
    _ text: String, count: Int, counted: Bool = true, number: Int? = nil, pending: Bool = false
  ) -> AppState {
    var state = AppState()
    state.searchState.term = SearchTerm(text)
    state.searchState.hitCount = count
    state.searchState.counted = counted
    state.searchState.hitNumber = number
    if pending { state.searchState.pending = SearchJump(forward: true, from: 0, end: 1) }
    return state
  }

  @Test(arguments: [
    (state("time(d)?", count: 12, number: 3), "«d:search: »«b:time(d)?  hit 3 of 12  »"),
    (state("timeout", count: 12), "«d:search: »«b:timeout  12 hits  »"),
    (state("timeout", count: 1), "«d:search: »«b:timeout  1 hit  »"),
    (state("timeout", count: 0), "«d:search: »«b:timeout  no hits  »"),
    (state("timeout", count: 0, pending: true), "«d:search: »«b:timeout  searching…  »"),
    (
      state("timeout", count: 4, counted: false),
      "«d:search: »«b:timeout  searching… 4 hits so far  »"
    ),
    (state("(a+", count: 2, number: 1), "«d:search (text): »«b:(a+  hit 1 of 2  »"),
  ])
  func barShowsTheHits(state: AppState, expected: String) {
    var buffer = CellBuffer(width: 200, height: 1)
    BottomBar.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 200, height: 1), state: state,
      palette: Palette(colors: true))
    let line = buffer.styledLines()[0]
    #expect(line.hasPrefix(expected), "\(line)")
  }

  /// A pattern RE2 cannot take (lookaround) and PCRE2 gives up on: the bar says how many
  /// records went uncounted, as it does for the filter.
  @Test func recordsTheRegexGaveUpOnAreSaid() throws {
    var state = Self.state("(?=a)(a+)+$", count: 0)
    let term = try #require(state.searchState.term)
    let line = Array((String(repeating: "a", count: 40) + "!").utf8)
    #expect(!line.withUnsafeBytes { term.occurs(in: $0) })
    state.searchState.term = term
    var buffer = CellBuffer(width: 200, height: 1)
    BottomBar.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 200, height: 1), state: state,
      palette: Palette(colors: true))
    #expect(buffer.lines()[0].contains("[regex too costly on 1 record: not counted]"))
  }
}
