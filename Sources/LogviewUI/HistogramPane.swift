import LogviewCore

/// `i`: records per time bucket of the filtered rows, one bucket a row, each bar stacked by
/// level (most severe first) in the level colors, under a title and a legend and over an axis.
struct HistogramPane {
  var palette: Palette

  static let hints = "↑↓ bucket  Enter jump there  + - zoom  T time  Esc/i back  ? help"
  /// Levels in the order their parts of a bar are drawn, and of the legend.
  static let order: [Level?] = [.fatal, .error, .warn, .info, .debug, .trace, nil]

  /// Rows of buckets in a pane of `height` rows (title and legend above, axis below).
  static func bucketRows(height: Int) -> Int { max(1, height - 3) }

  /// The histogram shown for `state` in a pane of `rows` bucket rows.
  static func histogram(_ state: HistogramState, data: ViewData, rows: Int) -> TimeHistogram {
    let times = data.syncedRowTimes(limit: RowTimes.rowsPerFrame)
    return times.histogram(step: state.step ?? times.histogram.fittingStep(rows: rows))
  }

  /// The cursor's bucket and the first bucket shown, kept inside the buckets and the rows.
  static func position(_ state: HistogramState, in histogram: TimeHistogram, rows: Int)
    -> ListPosition
  {
    let count = histogram.bucketCount
    let cursor = state.cursor.flatMap(histogram.index(of:)) ?? count - 1
    var position = ListPosition(
      selected: cursor, top: state.top.flatMap(histogram.index(of:)) ?? 0)
    position.clamp(count: count, height: rows)
    return position
  }

  func render(into buffer: inout CellBuffer, rect: Rect, state: HistogramState, data: ViewData) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0, rect.width > 0 else { return }
    let rows = Self.bucketRows(height: rect.height)
    let histogram = Self.histogram(state, data: data, rows: rows)
    var title = Self.title(histogram, fitted: state.step == nil)
    if data.rowTimes.pending {
      title += "· counting \(data.rowTimes.counted * 100 / max(1, data.rowCount))% "
    }
    buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: palette.statusBar)
    buffer.put(title, x: rect.x, y: rect.y, style: palette.statusBar, maxWidth: rect.width)
    guard rect.height > 1 else { return }
    legend(histogram).draw(into: &buffer, x: rect.x, y: rect.y + 1, width: rect.width)
    guard histogram.bucketCount > 0 else {
      buffer.put(
        "  no record here has a time", x: rect.x, y: rect.y + 2, style: palette.dim,
        maxWidth: rect.width)
      return
    }
    let position = Self.position(state, in: histogram, rows: rows)
    let labels = BucketLabels(histogram: histogram, zone: data.zone)
    let countWidth = StatusLine.grouped(histogram.peak).count
    let barX = rect.x + 2 + labels.width + 2 + countWidth + 1
    let barWidth = max(1, rect.x + rect.width - barX)
    let last = min(histogram.bucketCount, position.top + min(rows, rect.height - 2))
    for (line, index) in (position.top..<last).enumerated() {
      let y = rect.y + 2 + line
      let selected = index == position.selected
      var text = RowText()
      text.append(selected ? "▸ " : "  ", palette.title)
      text.append(labels.text(at: index), palette.record.time)
      let count = StatusLine.grouped(histogram.total(at: index))
      text.append(
        "  " + String(repeating: " ", count: max(0, countWidth - count.count)) + count + " ")
      text.draw(
        into: &buffer, x: rect.x, y: y, width: barX - rect.x,
        base: selected ? palette.selection : nil)
      bar(histogram, index: index, width: barWidth).draw(
        into: &buffer, x: barX, y: y, width: barWidth)
    }
    if rect.height >= 4 {
      axis(peak: histogram.peak, width: barWidth).draw(
        into: &buffer, x: barX, y: rect.y + rect.height - 1, width: barWidth)
    }
  }

  /// "histogram · 5 min buckets (fit) · 48,213 records · 12 without a time, left out"
  static func title(_ histogram: TimeHistogram, fitted: Bool) -> String {
    var title =
      " histogram · \(widthName(histogram.width)) buckets\(fitted ? " (fit)" : "")"
      + " · \(StatusLine.grouped(histogram.timed)) records"
    if histogram.untimed > 0 {
      title += " · \(StatusLine.grouped(histogram.untimed)) without a time, left out"
    }
    return title + " "
  }

  /// "1 s", "30 s", "5 min", "3 h", "1 day".
  static func widthName(_ width: Int64) -> String {
    let seconds = width / 1_000_000_000
    if seconds % 86_400 == 0 { return "\(seconds / 86_400) day" }
    if seconds % 3600 == 0 { return "\(seconds / 3600) h" }
    if seconds % 60 == 0 { return "\(seconds / 60) min" }
    return "\(seconds) s"
  }

  /// The level parts with their totals, and what a bar's full width means.
  func legend(_ histogram: TimeHistogram) -> RowText {
    var row = RowText()
    row.append(" ")
    for level in Self.order {
      let count = histogram.count(level: level)
      guard count > 0 else { continue }
      let mark = glyph(level)
      row.append(String(mark.character), mark.style)
      row.append(" \(level?.name ?? "no level") \(StatusLine.grouped(count))  ", palette.dim)
    }
    return row
  }

  /// One bucket's bar: each level's part in proportion to the fullest bucket (a level with
  /// any record gets at least one column, so a lone error stays visible).
  func bar(_ histogram: TimeHistogram, index: Int, width: Int) -> RowText {
    var row = RowText()
    let peak = max(1, histogram.peak)
    var used = 0
    for level in Self.order {
      let count = histogram.count(at: index, level: level)
      guard count > 0, used < width else { continue }
      let columns = min(width - used, max(1, count * width / peak))
      let mark = glyph(level)
      row.append(String(repeating: mark.character, count: columns), mark.style)
      used += columns
    }
    return row
  }

  /// "0──────────── 1,234" under the bars.
  func axis(peak: Int, width: Int) -> RowText {
    var row = RowText()
    let top = " " + StatusLine.grouped(peak)
    row.append("0", palette.dim)
    row.append(String(repeating: "─", count: max(0, width - 1 - top.count)), palette.dim)
    row.append(top, palette.dim)
    return row
  }

  /// A level's mark in bars and the legend: a block in the level's color; without colors,
  /// a shade per level (the styles alone would leave most bars alike) and a reversed `!` for
  /// fatal. A reversed style (fatal) fills a space, as a reversed block would show nothing.
  func glyph(_ level: Level?) -> (character: Character, style: Style) {
    let style = palette.levelLabel(level)
    guard !palette.colors else { return (style.reverse ? " " : "█", style) }
    switch level {
    case .fatal: return ("!", style)
    case .error: return ("█", style)
    case .warn: return ("▓", style)
    case .info: return ("▒", style)
    case .debug, .trace: return ("░", style)
    case nil: return ("·", style)
    }
  }
}
