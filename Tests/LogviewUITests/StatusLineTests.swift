import LogviewCore
import LogviewStore
import Testing

@testable import LogviewUI

@Suite struct StatusLineTests {
  /// A pasted long filter is drawn in time proportional to what fits: the prompt scrolled by
  /// measuring ever shorter prefixes (quadratic; 20,000 characters took minutes).
  @Test func longFilterTextDrawsQuickly() {
    var state = AppState()
    state.mode = .filter
    state.filterEditor.set(String(repeating: "word ", count: 4_000) + "end")
    var buffer = CellBuffer(width: 80, height: 1)
    let started = ContinuousClock.now
    BottomBar.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 80, height: 1), state: state,
      palette: Palette(colors: false))
    #expect(ContinuousClock.now - started < .milliseconds(500))
    #expect(buffer.lines()[0].hasPrefix("filter> "))
    #expect(buffer.lines()[0].contains("word word end"), "\(buffer.lines()[0])")
  }

  /// A source that ended on an error says why in the status line: a truncated archive's
  /// records were shown with nothing to tell they stopped short.
  @Test func sourceErrorsAreShown() {
    let log = LiveLog(options: NormalizerOptions(), sources: ["logs/app.log.gz", "api.log"])
    log.finish(source: 0, error: "unexpected end of compressed data")
    let data = ViewData(
      log: log, options: NormalizerOptions(),
      snapshot: FilteredSnapshot(matches: [], scanned: 0, total: 0, complete: true, generation: 1))
    var buffer = CellBuffer(width: 160, height: 1)
    StatusLine.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 160, height: 1), state: AppState(), data: data,
      rate: RateMeter(), palette: Palette(colors: true))
    let line = buffer.styledLines()[0]
    #expect(line.contains("«rbR:app.log.gz: unexpected end of compressed data»"), "\(line)")
  }

  /// A store paging through its window, or retrying while it follows, says so; an error that
  /// ended a source comes first.
  @Test func storeActivityIsShown() {
    let log = LiveLog(
      options: NormalizerOptions(), sources: ["es://search:9200/logs-a", "loki://loki:3100"])
    let data = ViewData(
      log: log, options: NormalizerOptions(),
      snapshot: FilteredSnapshot(matches: [], scanned: 0, total: 0, complete: true, generation: 1))
    func line() -> String {
      var buffer = CellBuffer(width: 160, height: 1)
      StatusLine.render(
        into: &buffer, rect: Rect(x: 0, y: 0, width: 160, height: 1), state: AppState(),
        data: data, rate: RateMeter(), palette: Palette(colors: false))
      return buffer.lines()[0]
    }
    log.setActivity(source: 1, "paging, 3 pages read")
    #expect(line().contains("· loki:3100: paging, 3 pages read"), "\(line())")
    log.setActivity(source: 1, nil)
    #expect(!line().contains("paging"))
    log.setActivity(source: 0, "retrying: cannot reach it: connection refused")
    log.finish(source: 1, error: "HTTP 500: boom")
    #expect(line().contains("loki:3100: HTTP 500: boom"), "\(line())")
    #expect(!line().contains("retrying"))
  }
}
