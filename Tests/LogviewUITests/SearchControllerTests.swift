import Dispatch
import LogviewCore
import LogviewStore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// The `/` search through the ExplorerController: its hits found on the search engine's
/// thread, counted in the filtered view as records arrive and the filter changes; a costly
/// pattern never holds up the keys; Esc in the filter bar brings the selection back.
@Suite struct SearchControllerTests {
  typealias Fixture = ExplorerControllerTests.Fixture

  /// Waits until the search engine decided every record, then takes its hits.
  static func settleSearch(_ f: Fixture) {
    #expect(
      waitUntil {
        let snapshot = f.controller.search.engine.snapshot()
        return snapshot.complete && snapshot.total == f.log.count
      }, "the search never decided every record")
    f.refresh()
  }

  static func search(_ f: Fixture, _ text: String) {
    f.keys([.char("/")] + text.map { .char($0) } + [.enter])
    settleSearch(f)
  }

  static func applyFilter(_ f: Fixture, _ text: String) {
    f.keys([.char("f"), .ctrl("u")] + text.map { .char($0) } + [.enter])
    f.clock.advance(milliseconds: 60)
    f.refresh()
    f.settle()
    settleSearch(f)
  }

  @Test func hitsAreCountedAsRecordsArriveAndTheFilterChanges() {
    let f = Fixture(lines: 100)
    // Lines 9, 19, 90-99 (and 190-199 once they arrive).
    Self.search(f, "line 1?9")
    // Following: the screen's last rows hold lines 90-99; the first of them is selected.
    #expect(f.selectedIndex == 90)
    #expect(f.controller.state.searchState.hitCount == 12)
    #expect(f.controller.state.searchState.hitNumber == 3)
    f.append(from: 100, count: 100)
    Self.settleSearch(f)
    #expect(f.controller.state.searchState.hitCount == 22)
    Self.applyFilter(f, "level>=error")
    // Errors are every tenth line: 90 and 190 match.
    #expect(f.controller.state.searchState.hitCount == 2)
    #expect(f.controller.state.searchState.counted)
  }

  /// `(a+)+$` on forty a's and a '!' backtracks without end in PCRE2 (it once took 11.5 s on
  /// one line): the keys return at once, the hits are counted on the engine's thread, and
  /// the highlight on the screen's rows stays cheap (RE2 decides after a few give-ups).
  @Test func aPathologicalPatternNeverHoldsUpTheScreen() {
    let f = Fixture(lines: 10)
    let costly = #"{"level":"info","msg":"\#(String(repeating: "a", count: 40))!"}"# + "\n"
    Array(String(repeating: costly, count: 2000).utf8).withUnsafeBytes {
      _ = f.log.append($0, source: 0)
    }
    f.engine.catchUp()
    f.settle()
    for (pattern, hits) in [("(a+)+$", 0), ("(a+)+!", 2000)] {
      let started = DispatchTime.now().uptimeNanoseconds
      f.controller.handle(
        [.char("/")] + pattern.map { .char($0) } + [.enter], resized: false,
        width: ExplorerControllerTests.width, height: ExplorerControllerTests.height)
      _ = f.controller.frame(
        width: ExplorerControllerTests.width, height: ExplorerControllerTests.height)
      let keysAndFrame = DispatchTime.now().uptimeNanoseconds - started
      #expect(keysAndFrame < 1_000_000_000, "\(pattern): \(keysAndFrame / 1_000_000) ms")
      Self.settleSearch(f)
      #expect(f.controller.state.searchState.hitCount == hits, "\(pattern)")
    }
  }

  /// Keys typed after Enter act on the hit, as when the search ran on the UI thread
  /// (`/req_… Enter c` correlated the record before the hit was selected).
  @Test func keysAfterASearchWaitForItsHit() {
    let f = Fixture(lines: 100)
    f.keys([.char("/")] + "line 50".map { .char($0) } + [.enter, .up])
    Self.settleSearch(f)
    #expect(f.selectedIndex == 49)
    // Not for long: past the hold, keys are taken while the search still runs.
    f.keys([.char("/")] + "no such line".map { .char($0) } + [.enter])
    f.clock.advance(milliseconds: 300)
    f.keys([.up])
    #expect(f.selectedIndex == 48)
  }

  /// Esc in the filter bar restores the selected record with the filter (the re-filters
  /// while typing had moved it to the nearest record before).
  @Test func escapeInTheFilterBarRestoresTheSelection() {
    let f = Fixture(lines: 100)
    f.keys([.char("g")] + Array(repeating: Key.down, count: 55))
    #expect(f.selectedIndex == 55)
    let screenRow = f.controller.state.stream.selected - f.controller.state.stream.top
    f.keys([.char("f")] + "level>=error".map { .char($0) })
    f.clock.advance(milliseconds: 60)
    f.refresh()
    f.settle()
    #expect(f.selectedIndex == 50)
    f.keys([.escape])
    f.clock.advance(milliseconds: 60)
    f.refresh()
    f.settle()
    #expect(f.controller.state.appliedFilter == "")
    #expect(f.selectedIndex == 55)
    #expect(f.controller.state.stream.selected - f.controller.state.stream.top == screenRow)
    #expect(!f.controller.state.follow)
  }
}
