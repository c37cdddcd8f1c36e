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
}
