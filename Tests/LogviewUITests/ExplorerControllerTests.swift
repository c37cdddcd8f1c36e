import LogviewCore
import LogviewStore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
  var now: Int64 = 1_000_000_000
  func advance(milliseconds: Int64) { now += milliseconds * 1_000_000 }
}

/// The explorer's controller without a terminal: debounce, frame pacing, following and
/// pausing, the anchor across filter changes, idle sleep. Time is a ManualClock.
@Suite struct ExplorerControllerTests {
  static let width = 100
  static let height = 20

  final class Fixture {
    let log = LiveLog(options: NormalizerOptions(), sources: ["app.log"])
    let engine: FilterEngine
    let clock = ManualClock()
    let controller: ExplorerController

    init(lines: Int = 100, filter: String = "") {
      engine = FilterEngine(log: log) {}
      Fixture.append(log, from: 0, count: lines)
      let clock = self.clock
      controller = ExplorerController(
        log: log, engine: engine, options: NormalizerOptions(), palette: Palette(colors: true),
        filter: filter, clock: { clock.now }, wallClock: { 1_710_504_000_000_000_000 })
      settle()
    }

    deinit { engine.stop() }

    /// Lines n..<n+count; every tenth is an error.
    static func append(_ log: LiveLog, from n: Int, count: Int) {
      let text =
        (n..<(n + count)).map { i in
          #"{"level":"\#(i % 10 == 0 ? "error" : "info")","msg":"line \#(i)"}"#
        }.joined(separator: "\n") + "\n"
      Array(text.utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
      // The explorer's feed tells the engine after each append.
    }

    func append(from n: Int, count: Int) {
      Fixture.append(log, from: n, count: count)
      engine.catchUp()
      settle()
    }

    /// Waits until the engine has decided every record for the current filter, then
    /// takes its results.
    func settle() {
      #expect(
        waitUntil {
          let snapshot = engine.snapshot()
          return snapshot.complete && snapshot.total == log.count
            && (snapshot.isAll ? snapshot.allCount : snapshot.scanned) == log.count
        }, "the engine never decided every record")
      refresh()
    }

    func refresh() { controller.refresh(width: width, height: height) }

    func keys(_ keys: [Key]) {
      controller.handle(keys, resized: false, width: width, height: height)
      refresh()
    }

    func type(_ text: String) { keys(text.map { .char($0) }) }

    var selectedIndex: Int { controller.data.logIndex(row: controller.state.stream.selected) }
  }

  /// Records a regex gave up on (its step limit) are said in the bar, in both modes, as
  /// they are counted; before, they just went missing from the stream.
  @Test func regexLimitIsShownInTheBar() {
    let f = Fixture(lines: 10, filter: "/(?=a)(a+)+$/")
    #expect(f.controller.state.filterWarning == nil)
    let costly = #"{"msg":"\#(String(repeating: "a", count: 40))!"}"# + "\n"
    Array(String(repeating: costly, count: 2).utf8).withUnsafeBytes {
      _ = f.log.append($0, source: 0)
    }
    f.engine.catchUp()
    f.settle()
    #expect(f.controller.state.filterWarning?.contains("on 2 records") == true)
    for mode in [InputMode.browse, .filter] {
      var state = f.controller.state
      state.mode = mode
      var buffer = CellBuffer(width: 200, height: 1)
      BottomBar.render(
        into: &buffer, rect: Rect(x: 0, y: 0, width: 200, height: 1), state: state,
        palette: Palette(colors: true))
      #expect(buffer.styledLines()[0].contains("regex too costly on 2 records"), "\(mode)")
    }
  }

  /// The filter applies once typing pauses for the debounce time, not before.
  @Test func filterEditsWaitForTypingToPause() {
    let f = Fixture()
    f.keys([.char("f")])
    f.type("level>=error")
    #expect(f.controller.state.appliedFilter == "")
    #expect(f.controller.timeout == 60)
    f.clock.advance(milliseconds: 30)
    f.type(" ")
    f.clock.advance(milliseconds: 59)
    f.refresh()
    #expect(f.controller.state.appliedFilter == "", "a keystroke restarts the wait")
    f.clock.advance(milliseconds: 1)
    f.refresh()
    #expect(f.controller.state.appliedFilter == "level>=error ")
    f.settle()
    #expect(f.controller.data.rowCount == 10)
    f.clock.advance(milliseconds: 16_000)
    #expect(f.controller.timeout == nil, "nothing pending: sleep until something happens")
  }

  /// An invalid edit keeps the last valid filter applied and shows where it goes wrong.
  @Test func invalidEditKeepsTheAppliedFilter() {
    let f = Fixture(filter: "level>=error")
    #expect(f.controller.data.rowCount == 10)
    f.keys([.char("f"), .ctrl("u")])
    f.type("level>=")
    f.clock.advance(milliseconds: 60)
    f.refresh()
    #expect(f.controller.state.appliedFilter == "level>=error")
    #expect(f.controller.state.filterError?.column == 8)
  }

  /// While input pours in, frames come at most every 33 ms; keys are answered at once.
  @Test func framesArePacedWhileInputPours() {
    let f = Fixture()
    #expect(f.controller.frame(width: Self.width, height: Self.height) != nil)
    f.controller.handle([], resized: false, width: Self.width, height: Self.height)
    f.append(from: 100, count: 5)
    f.clock.advance(milliseconds: 10)
    #expect(f.controller.frame(width: Self.width, height: Self.height) == nil)
    #expect(f.controller.timeout == 23)
    f.clock.advance(milliseconds: 23)
    #expect(f.controller.frame(width: Self.width, height: Self.height) != nil)
    f.keys([.char("k")])
    #expect(f.controller.frame(width: Self.width, height: Self.height) != nil)
  }

  /// Following, the newest record is selected; paused, the selection stays on its record
  /// while records arrive, and counts them.
  @Test func followAndPause() {
    let f = Fixture()
    #expect(f.controller.state.follow)
    #expect(f.selectedIndex == 99)
    f.append(from: 100, count: 10)
    #expect(f.selectedIndex == 109)
    f.keys([.up, .up])
    #expect(!f.controller.state.follow)
    #expect(f.selectedIndex == 107)
    f.append(from: 110, count: 5)
    #expect(f.selectedIndex == 107)
    #expect(f.controller.state.newWhilePaused == 5)
    f.keys([.end])
    #expect(f.selectedIndex == 114)
    #expect(f.controller.state.newWhilePaused == 0)
  }

  /// A new filter keeps a paused view on its record, or the nearest one before it that
  /// passes; clearing the filter brings back the record selected.
  @Test func filterChangeKeepsThePausedRecord() {
    let f = Fixture()
    f.keys([.char("g")] + Array(repeating: Key.down, count: 45))
    #expect(f.selectedIndex == 45)
    f.keys([.char("f")])
    f.type("level>=error")
    f.keys([.enter])
    f.clock.advance(milliseconds: 60)
    f.refresh()
    f.settle()
    #expect(f.controller.state.appliedFilter == "level>=error")
    #expect(f.controller.data.rowCount == 10)
    #expect(f.selectedIndex == 40, "45 is filtered out: the nearest error before it")
    f.keys([.char("f"), .ctrl("u"), .enter])
    f.clock.advance(milliseconds: 60)
    f.refresh()
    f.settle()
    #expect(f.controller.state.appliedFilter == "")
    #expect(f.controller.data.rowCount == 100)
    #expect(f.selectedIndex == 40)
  }

  /// The rate display rolls for a while after records arrived, then the loop sleeps.
  @Test func idleMeansNoWakeUps() {
    let f = Fixture()
    f.append(from: 100, count: 1)
    #expect(f.controller.timeout == 1000)
    f.clock.advance(milliseconds: 16_000)
    #expect(f.controller.timeout == nil)
  }
}
