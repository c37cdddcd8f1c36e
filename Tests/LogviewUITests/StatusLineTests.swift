import LogviewCore
import LogviewStore
import Testing

@testable import LogviewUI

@Suite struct StatusLineTests {
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
