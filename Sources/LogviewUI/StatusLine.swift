import LogviewCore
import LogviewStore

/// The top line: sources, totals, rate, per-level counts, FOLLOW/PAUSED.
public enum StatusLine {
  public static func render(
    into buffer: inout CellBuffer, rect: Rect, state: AppState, data: ViewData, rate: RateMeter,
    palette: Palette
  ) {
    buffer.fill(rect, style: palette.statusBar)
    var row = RowText()
    let bar = palette.statusBar
    let sources = data.log.sources
    let names = sources.map { source in
      source.waiting
        ? source.name + " (waiting for it)"
        : source.finished && source.name == "-" ? "- (ended)" : source.name
    }
    row.append(" " + abbreviate(names.joined(separator: ", "), to: max(10, rect.width / 4)), bar)
    if let failed = sources.first(where: { $0.error != nil }), let error = failed.error {
      // A source that ended on an error (a damaged archive, a read failure) says so.
      var style = palette.errorText
      style.reverse = !style.reverse
      row.append(" · ", bar)
      row.append(
        abbreviate(
          "\(failed.name.split(separator: "/").last ?? "?"): \(error)", to: max(10, rect.width / 2)),
        style)
    }
    let dropped = data.log.firstKeptIndex
    row.append(" · \(grouped(data.log.count - dropped)) lines", bar)
    if dropped > 0 {
      // Never silent: --keep-last let the oldest records go.
      row.append(" (\(grouped(dropped)) older dropped by --keep-last)", bar)
    }
    let spilled = data.log.spilledBytes
    if spilled > 0 {
      // Nothing is dropped: older piped input now lives in a temporary file.
      row.append(" (\(grouped(spilled >> 20)) MB spilled to disk)", bar)
    }
    if let indexing = data.log.indexing, indexing.total > 0 {
      row.append(" (indexing \(indexing.done * 100 / indexing.total)%)", bar)
    }
    if state.appliedFilter.isEmpty == false || !data.snapshot.complete {
      row.append(" · \(grouped(data.rowCount)) match", bar)
      if !data.snapshot.complete, data.snapshot.total > 0 {
        row.append(" (\(data.snapshot.scanned * 100 / data.snapshot.total)%)", bar)
      }
    }
    row.append(" · \(grouped(rate.perSecond))/s ", bar)
    row.append(rate.sparkline, bar)
    let counts = data.log.levelCounts
    row.append(" · ", bar)
    for (label, level) in [("F", Level.fatal), ("E", .error), ("W", .warn)] {
      let n = counts.count > Int(level.rawValue) ? counts[Int(level.rawValue)] : 0
      guard n > 0 || level != .fatal else { continue }
      var style = palette.levelLabel(level)
      style.reverse = !style.reverse
      row.append("\(label) \(grouped(n))", style)
      row.append(" ", bar)
    }
    row.draw(into: &buffer, x: rect.x, y: rect.y, width: rect.width)

    // Right side: follow state, which matters most, never clipped.
    var right = state.follow ? " FOLLOW " : " PAUSED "
    if !state.follow, state.newWhilePaused > 0 {
      right = " \(grouped(state.newWhilePaused)) new ·" + right
    }
    if sources.allSatisfy(\.finished) { right = " input ended ·" + right }
    let width = DisplayWidth.of(right)
    var style = bar
    style.bold = true
    buffer.put(right, x: max(rect.x, rect.x + rect.width - width), y: rect.y, style: style)
  }

  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return out
  }

  static func abbreviate(_ text: String, to width: Int) -> String {
    guard DisplayWidth.of(text) > width else { return text }
    return String(DisplayWidth.prefix(text, fitting: max(1, width - 1)).text) + "…"
  }
}
