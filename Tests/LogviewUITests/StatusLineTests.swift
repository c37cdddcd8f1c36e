import LogviewCore
import LogviewQuery
import LogviewStore
import Testing

@testable import LogviewUI

@Suite struct StatusLineTests {
  /// The status line of `log` with no filter applied, `width` cells wide.
  static func rendered(_ log: LiveLog, width: Int = 160, colors: Bool) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: 1)
    StatusLine.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: width, height: 1), state: AppState(),
      data: emptyView(log), rate: RateMeter(), palette: Palette(colors: colors))
    return buffer
  }

  static func emptyView(_ log: LiveLog) -> ViewData {
    ViewData(
      log: log, options: NormalizerOptions(),
      snapshot: FilteredSnapshot(matches: [], scanned: 0, total: 0, complete: true, generation: 1))
  }

  /// What let the oldest records go, a spill that failed and the record limit are said.
  static let dropNotes: [(LogStatus, String)] = [
    (status(firstKept: 5_000, droppedBy: .keepLast), "(5,000 older dropped by --keep-last)"),
    (
      status(firstKept: 65_536, droppedBy: .memory(64 << 20)),
      "(65,536 older dropped by --max-memory 64 MiB)"
    ),
    (
      status(spillFailure: "/full: no space left on device"),
      "«rbR:(cannot spill to disk: /full: no space left on device)»"
    ),
    (status(lostRecords: 1_234), "«rbR:(record limit reached: 1,234 newer not kept)»"),
  ]

  static func status(
    firstKept: Int = 0, droppedBy: DropReason = .keepLast, spillFailure: String? = nil,
    lostRecords: Int = 0
  ) -> LogStatus {
    LogStatus(
      sources: [], levelCounts: Array(repeating: 0, count: 7), count: 100_000,
      firstKept: firstKept, droppedBy: droppedBy, spilledBytes: 0, spillFailure: spillFailure,
      lostRecords: lostRecords, indexing: nil)
  }

  @Test(arguments: dropNotes)
  func dropsAndLimitsAreSaid(_ status: LogStatus, _ expected: String) {
    let log = LiveLog(options: NormalizerOptions(), sources: ["-"])
    let data = Self.emptyView(log)
    var row = RowText()
    StatusLine.appendTotals(
      status, state: AppState(), data: data, to: &row, palette: Palette(colors: true))
    var buffer = CellBuffer(width: 200, height: 1)
    row.draw(into: &buffer, x: 0, y: 0, width: 200)
    #expect(buffer.styledLines()[0].contains(expected), "\(buffer.styledLines()[0])")
  }

  /// Records are counted as records, with the lines they span when those are more (a
  /// 48-line file of 29 records said "29 lines"); several inputs are counted and named.
  @Test func recordsLinesAndSourcesAreCounted() {
    let log = LiveLog(options: NormalizerOptions(), sources: ["/var/log/api.log", "b/db.log"])
    var status = Self.status()
    status.lineCount = 100_250
    var row = RowText()
    StatusLine.appendTotals(
      status, state: AppState(), data: Self.emptyView(log), to: &row,
      palette: Palette(colors: false))
    #expect(row.plainText.hasPrefix(" · 100,000 records (100,250 lines)"), "\(row.plainText)")
    status.lineCount = 100_000
    var same = RowText()
    StatusLine.appendTotals(
      status, state: AppState(), data: Self.emptyView(log), to: &same,
      palette: Palette(colors: false))
    #expect(
      same.plainText.hasPrefix(" · 100,000 records ·") || same.plainText == " · 100,000 records")
    #expect(!same.plainText.contains("lines"))
    let line = Self.rendered(log, colors: false).lines()[0]
    #expect(line.hasPrefix(" 2 sources: api.log, db.log ·"), "\(line)")
    // What each source is doing still shows beside its name.
    log.setWaiting(source: 1, true)
    let waiting = Self.rendered(log, width: 240, colors: false).lines()[0]
    #expect(waiting.hasPrefix(" 2 sources: api.log, db.log (waiting for it) ·"), "\(waiting)")
  }

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
    let line = Self.rendered(log, colors: true).styledLines()[0]
    #expect(line.contains("«rbR:app.log.gz: unexpected end of compressed data»"), "\(line)")
  }

  /// A store paging through its window, or retrying while it follows, says so; an error that
  /// ended a source comes first.
  @Test func storeActivityIsShown() {
    let log = LiveLog(
      options: NormalizerOptions(), sources: ["es://search:9200/logs-a", "loki://loki:3100"])
    func line() -> String { Self.rendered(log, colors: false).lines()[0] }
    log.setActivity(source: 1, "paging, 3 pages read")
    #expect(line().contains("· loki:3100: paging, 3 pages read"), "\(line())")
    log.setActivity(source: 1, nil)
    #expect(!line().contains("paging"))
    log.setActivity(source: 0, "retrying: cannot reach it: connection refused")
    log.finish(source: 1, error: "HTTP 500: boom")
    #expect(line().contains("loki:3100: HTTP 500: boom"), "\(line())")
    #expect(!line().contains("retrying"))
  }

  /// What sources report (names, errors, activity) may carry a store's credentials or
  /// control characters: (source name, error, activity, text that must not show, text shown).
  static let hostile: [(String, String?, String?, String, String)] = [
    ("loki://bob:hunter2@loki:3100", "HTTP 500: boom", nil, "hunter2", "bob:***@loki:3100: HTTP"),
    ("app.log", "HTTP 401 for https://bob:pa/ss@h/x", nil, "pa/ss", "https://bob:***@h/x"),
    ("app.log", "bad \u{9B}31m \u{202E}txt", nil, "\u{9B}", #"bad \u009b31m \u202etxt"#),
    ("es://h:9200/logs", nil, "retrying: token=abc123 refused", "abc123", "token=***"),
    ("es://u:p@h:9200/logs", nil, "paging", "u:p@", "logs: paging"),
  ]

  @Test(arguments: hostile)
  func sourceTextIsMaskedAndEscaped(
    _ name: String, _ error: String?, _ activity: String?, _ hidden: String, _ shown: String
  ) {
    let log = LiveLog(options: NormalizerOptions(), sources: [name])
    if let activity { log.setActivity(source: 0, activity) }
    if let error { log.finish(source: 0, error: error) }
    let line = Self.rendered(log, width: 300, colors: false).lines()[0]
    #expect(!line.contains(hidden), "\(line)")
    #expect(line.contains(shown), "\(line)")
  }

  /// The bottom bar's notice and a filter's error message (which echoes the filter) are
  /// shown the same way: (notice, error message, text that must not show, text shown).
  static let bottom: [(String?, String?, String, String)] = [
    ("'\u{202E}x' not found below", nil, "\u{202E}", #"'\u202ex' not found"#),
    (nil, "unexpected 'password=hunter2'", "hunter2", "password=***"),
    (nil, "unexpected 'a\u{9B}b'", "\u{9B}", #"a\u009bb"#),
  ]

  @Test(arguments: bottom)
  func bottomBarTextIsMaskedAndEscaped(
    _ notice: String?, _ error: String?, _ hidden: String, _ shown: String
  ) {
    for mode in [InputMode.browse, .filter] {
      var state = AppState()
      state.mode = mode
      state.notice = notice
      state.filterError = error.map { QueryError(column: 3, message: $0) }
      var buffer = CellBuffer(width: 200, height: 1)
      BottomBar.render(
        into: &buffer, rect: Rect(x: 0, y: 0, width: 200, height: 1), state: state,
        palette: Palette(colors: false))
      let line = buffer.lines()[0]
      #expect(!line.contains(hidden), "\(line)")
      if mode == .browse || error != nil { #expect(line.contains(shown), "\(line)") }
    }
  }
}
