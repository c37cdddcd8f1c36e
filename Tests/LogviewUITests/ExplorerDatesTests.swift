import LogviewCore
import LogviewStore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// The controller decides dates from the log's span and its injected wall clock (issue 12,
/// defect 3): live data crossing midnight starts showing them, as does the clock passing it.
@Suite struct ExplorerDatesTests {
  @Test func liveDataCrossingMidnightShowsDates() throws {
    let log = LiveLog(options: NormalizerOptions(), sources: ["live.log"])
    let engine = FilterEngine(log: log) {}
    defer { engine.stop() }
    let wall = ManualClock()
    wall.now = TimeColumnTests.at("2024-03-14T23:59:59Z")
    let controller = ExplorerController(
      log: log, engine: engine, options: NormalizerOptions(), palette: Palette(colors: false),
      filter: "", clock: { 0 }, wallClock: { wall.now })
    func append(_ time: String, _ message: String) {
      let line = #"{"timestamp":"\#(time)","level":"info","msg":"\#(message)"}"# + "\n"
      Array(line.utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
      engine.catchUp()
      #expect(waitUntil { engine.snapshot().count == log.count })
      controller.refresh(width: 80, height: 10)
    }
    func screen() -> String {
      // A resize is answered with a frame at once, however recent the last one.
      controller.handle([], resized: true, width: 80, height: 10)
      return controller.frame(width: 80, height: 10)!.lines().joined(separator: "\n")
    }
    append("2024-03-14T23:59:58.120Z", "before midnight")
    #expect(!controller.state.rows.dates)
    #expect(screen().contains("\n23:59:58.120 INFO  "))
    wall.now = TimeColumnTests.at("2024-03-15T00:00:02Z")
    append("2024-03-15T00:00:01Z", "after midnight")
    #expect(controller.state.rows.dates)
    let dated = screen()
    #expect(dated.contains("\n2024-03-14 23:59:58.120 INFO  "), "\(dated)")
    #expect(dated.contains("\n2024-03-15 00:00:01.000 INFO  "), "\(dated)")
  }

  @Test func theClockPassingMidnightShowsDates() throws {
    let log = LiveLog(options: NormalizerOptions(), sources: ["live.log"])
    let engine = FilterEngine(log: log) {}
    defer { engine.stop() }
    let line = #"{"timestamp":"2024-03-15T10:00:00Z","level":"info","msg":"x"}"# + "\n"
    Array(line.utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
    let wall = ManualClock()
    wall.now = TimeColumnTests.at("2024-03-15T23:59:59Z")
    let controller = ExplorerController(
      log: log, engine: engine, options: NormalizerOptions(), palette: Palette(colors: false),
      filter: "", clock: { 0 }, wallClock: { wall.now })
    controller.refresh(width: 80, height: 10)
    #expect(!controller.state.rows.dates)
    wall.now = TimeColumnTests.at("2024-03-16T00:00:01Z")
    controller.refresh(width: 80, height: 10)
    #expect(controller.state.rows.dates)
  }

  /// The configuration's choices reach the state the explorer starts with.
  @Test func rowPreferencesFromTheConfiguration() throws {
    let log = LiveLog(options: NormalizerOptions(), sources: ["live.log"])
    let engine = FilterEngine(log: log) {}
    defer { engine.stop() }
    let controller = ExplorerController(
      log: log, engine: engine, options: NormalizerOptions(), palette: Palette(colors: false),
      filter: "", clock: { 0 }, wallClock: { 0 })
    controller.setRows(wrap: true, hiddenFields: ["pid", "hostname"])
    #expect(controller.state.rows.wrap)
    #expect(controller.state.columns == FieldColumns(hidden: ["pid", "hostname"]))
  }
}
