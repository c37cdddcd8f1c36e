import LogviewCore
import LogviewStore

/// The top line: sources, totals, rate, per-level counts, FOLLOW/PAUSED.
public enum StatusLine {
  public static func render(
    into buffer: inout CellBuffer, rect: Rect, state: AppState, data: ViewData, rate: RateMeter,
    palette: Palette
  ) {
    buffer.fill(rect, style: palette.statusBar)
    let status = data.log.status
    var row = RowText()
    appendSources(status.sources, to: &row, width: rect.width, palette: palette)
    appendTotals(status, state: state, data: data, to: &row, palette: palette)
    let hidden = state.columns.hidden.count
    if hidden > 0 {
      // Rows leave these fields out: say so, or a field looks absent.
      row.append(" · \(hidden) field\(hidden == 1 ? "" : "s") hidden", palette.statusBar)
    }
    if let findings = FindingsCounter.status(state.findings) {
      row.append(" · " + findings, palette.statusBar)
    }
    row.append(" · \(grouped(rate.perSecond))/s ", palette.statusBar)
    row.append(rate.sparkline, palette.statusBar)
    appendLevels(status.levelCounts, to: &row, palette: palette)
    row.draw(into: &buffer, x: rect.x, y: rect.y, width: rect.width)

    // Right side: follow state, which matters most, never clipped.
    var right = state.follow ? " FOLLOW " : " PAUSED "
    if !state.follow, state.newWhilePaused > 0 {
      right = " \(grouped(state.newWhilePaused)) new ·" + right
    }
    if status.sources.allSatisfy(\.finished) { right = " input ended ·" + right }
    if !state.marks.isEmpty { right = " \(grouped(state.marks.count)) marked ·" + right }
    let width = DisplayWidth.of(right)
    var style = palette.statusBar
    style.bold = true
    buffer.put(right, x: max(rect.x, rect.x + rect.width - width), y: rect.y, style: style)
  }

  /// The sources' names, and the first error that ended one. Names, errors and activity
  /// may hold a store's URL or what a server answered: shown as every message of logview's.
  static func appendSources(
    _ sources: [SourceStatus], to row: inout RowText, width: Int, palette: Palette
  ) {
    let bar = palette.statusBar
    // Several inputs: how many, then their short names (one name alone hid the others).
    let several = sources.count > 1
    let names = sources.map { source in
      let name = several ? shortName(source.name) : MessageText.safe(source.name)
      return source.waiting
        ? name + " (waiting for it)" : source.finished && source.name == "-" ? "- (ended)" : name
    }
    let shown = (several ? "\(names.count) sources: " : "") + names.joined(separator: ", ")
    row.append(" " + abbreviate(shown, to: max(10, width / 4)), bar)
    if let failed = sources.first(where: { $0.error != nil }), let error = failed.error {
      // A source that ended on an error (a damaged archive, a read failure) says so.
      var style = palette.errorText
      style.reverse = !style.reverse
      row.append(" · ", bar)
      row.append(
        abbreviate(shortName(failed.name) + ": " + MessageText.safe(error), to: max(10, width / 2)),
        style)
    } else if let busy = sources.first(where: { $0.activity != nil }), let text = busy.activity {
      // A store paging through its window, or retrying after a failure.
      row.append(" · ", bar)
      row.append(
        abbreviate(shortName(busy.name) + ": " + MessageText.safe(text), to: max(10, width / 2)),
        bar)
    }
  }

  /// A source's name after its last '/', masked first: a store's URL may hold a password
  /// that the part after the slash no longer shows to be one.
  static func shortName(_ name: String) -> String {
    let safe = MessageText.safe(name)
    return safe.split(separator: "/").last.map(String.init) ?? safe
  }

  /// Records, those dropped or spilled, indexing progress, and matches of the filter.
  static func appendTotals(
    _ status: LogStatus, state: AppState, data: ViewData, to row: inout RowText,
    palette: Palette
  ) {
    let bar = palette.statusBar
    let records = status.count - status.firstKept
    row.append(" · \(grouped(records)) records", bar)
    if status.firstKept == 0, status.lineCount > records {
      // Stack traces and pretty-printed records span lines: say both.
      row.append(" (\(grouped(status.lineCount)) lines)", bar)
    }
    if status.firstKept > 0 {
      // Never silent: --keep-last or the memory budget let the oldest records go.
      row.append(
        " (\(grouped(status.firstKept)) older dropped by \(reason(status.droppedBy)))", bar)
    }
    if status.spilledBytes > 0 {
      // Older piped input now lives in a temporary file.
      row.append(" (\(grouped(status.spilledBytes >> 20)) MB spilled to disk)", bar)
    }
    // Errors in the bar's reverse video, as a failed source is.
    var alarm = palette.errorText
    alarm.reverse = !alarm.reverse
    if let failure = status.spillFailure {
      row.append(" ", bar)
      row.append("(cannot spill to disk: \(failure))", alarm)
    }
    if status.lostRecords > 0 {
      row.append(" ", bar)
      row.append("(record limit reached: \(grouped(status.lostRecords)) newer not kept)", alarm)
    }
    if let indexing = status.indexing, indexing.total > 0 {
      row.append(" (indexing \(indexing.done * 100 / indexing.total)%)", bar)
    }
    if !state.appliedFilter.isEmpty || !data.snapshot.complete {
      row.append(" · \(grouped(data.rowCount)) match", bar)
      if !data.snapshot.complete, data.snapshot.total > 0 {
        row.append(" (\(data.snapshot.scanned * 100 / data.snapshot.total)%)", bar)
      }
    }
  }

  /// Fatal (when any), error and warning counts, each in its level's colors.
  static func appendLevels(_ counts: [Int], to row: inout RowText, palette: Palette) {
    row.append(" · ", palette.statusBar)
    for (label, level) in [("F", Level.fatal), ("E", .error), ("W", .warn)] {
      let n = counts.count > Int(level.rawValue) ? counts[Int(level.rawValue)] : 0
      guard n > 0 || level != .fatal else { continue }
      var style = palette.levelLabel(level)
      style.reverse = !style.reverse
      row.append("\(label) \(grouped(n))", style)
      row.append(" ", palette.statusBar)
    }
  }

  static func reason(_ reason: DropReason) -> String {
    switch reason {
    case .keepLast: "--keep-last"
    case .memory(let bytes): "--max-memory \(bytes >> 20) MiB"
    }
  }

  static func grouped(_ n: Int) -> String { DigitGrouping.text(n) }

  static func abbreviate(_ text: String, to width: Int) -> String {
    guard DisplayWidth.of(text) > width else { return text }
    return String(DisplayWidth.prefix(text, fitting: max(1, width - 1)).text) + "…"
  }
}
