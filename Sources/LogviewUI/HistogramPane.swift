import LogviewCore

/// `i`: records per time bucket of the filtered rows, one bucket a row, each bar stacked by
/// level (most severe first) in the level colors, under a title and a legend and over an axis.
struct HistogramPane {
  var palette: Palette

  static let hints = "↑↓ bucket  Enter jump there  + - zoom  T time  Esc/i back  ? help"
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

  /// " histogram · 5 min buckets (fit) · 48,213 records · 12 without a time, left out "
  static func title(_ histogram: TimeHistogram, fitted: Bool) -> String {
    " " + HistogramBars.title(histogram, fitted: fitted) + " "
  }

  /// The level parts with their totals, and what a bar's full width means.
  func legend(_ histogram: TimeHistogram) -> RowText {
    var row = RowText()
    row.append(" ")
    for entry in HistogramBars.legend(histogram) {
      let mark = glyph(entry.level)
      row.append(String(mark.character), mark.style)
      row.append(" \(entry.text)  ", palette.dim)
    }
    return row
  }

  /// One bucket's bar, stacked by level.
  func bar(_ histogram: TimeHistogram, index: Int, width: Int) -> RowText {
    var row = RowText()
    for part in HistogramBars.segments(histogram, index: index, width: width) {
      let mark = glyph(part.level)
      row.append(String(repeating: mark.character, count: part.columns), mark.style)
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

  /// A level's mark in bars and the legend.
  func glyph(_ level: Level?) -> (character: Character, style: Style) {
    HistogramBars.mark(level, styles: palette.record)
  }
}
