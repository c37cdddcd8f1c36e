import LogviewCore
import LogviewTriage

/// `p`: the filtered rows grouped by message pattern, a pattern a row: its ID, count, share,
/// rate line over the rows' span, level counts in the level colors and template; most
/// records first, or most errors first. A title above says how many and how far mining
/// got; a line below tells the selected pattern's services and first and last time.
struct PatternsPane {
  var palette: Palette

  static let hints = "↑↓ pattern  Enter filter to it  e errors first  Esc/p back  ? help"

  /// Rows of patterns in a pane of `height` rows (title and header above, one line below).
  static func patternRows(height: Int) -> Int { max(1, height - 3) }

  /// The selected row and the first row shown, inside the rows.
  static func position(_ state: PatternsState, table: PatternTable, rows: Int) -> ListPosition {
    let count = table.summary(errorsFirst: state.errorsFirst).patterns.count
    var position = ListPosition(
      selected: table.row(of: state.selected, errorsFirst: state.errorsFirst), top: state.top)
    position.clamp(count: count, height: rows)
    return position
  }

  func render(
    into buffer: inout CellBuffer, rect: Rect, state: PatternsState, data: ViewData
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0, rect.width > 0 else { return }
    let table = data.patterns
    let summary = table.summary(errorsFirst: state.errorsFirst)
    buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: palette.statusBar)
    buffer.put(
      title(summary, table: table, data: data, state: state), x: rect.x, y: rect.y,
      style: palette.statusBar, maxWidth: rect.width)
    guard rect.height > 1 else { return }
    let rows = Self.patternRows(height: rect.height)
    let levelCells = summary.patterns.map(levels)
    let levelsWidth = max(6, levelCells.map { DisplayWidth.of($0.plainText) }.max() ?? 0)
    let countWidth = max(5, summary.patterns.map { DigitGrouping.text($0.count).count }.max() ?? 0)
    var header = "  id        " + pad("count", countWidth, right: true) + "   share  "
    header += pad("rate", PatternSummary.rateBuckets) + "  " + pad("levels", levelsWidth)
    buffer.put(
      header + "  template", x: rect.x, y: rect.y + 1, style: palette.dim, maxWidth: rect.width)
    guard !summary.patterns.isEmpty else {
      let text = table.mining ? "  mining…" : "  no records here"
      buffer.put(text, x: rect.x, y: rect.y + 2, style: palette.dim, maxWidth: rect.width)
      return
    }
    let position = Self.position(state, table: table, rows: rows)
    let last = min(summary.patterns.count, position.top + min(rows, rect.height - 2))
    for (line, index) in (position.top..<last).enumerated() {
      let stats = summary.patterns[index]
      let selected = index == position.selected
      var text = RowText()
      text.append(selected ? "▸ " : "  ", palette.title)
      text.append(stats.idText, palette.dim)
      text.append("  " + pad(DigitGrouping.text(stats.count), countWidth, right: true))
      text.append("  " + pad(summary.share(stats), 6, right: true) + "  ")
      text.append(pad(Sparkline.text(summary.rate(stats)), PatternSummary.rateBuckets) + "  ")
      text.segments += levelCells[index].segments
      let width = DisplayWidth.of(levelCells[index].plainText)
      text.append(String(repeating: " ", count: max(0, levelsWidth - width)) + "  ")
      text.append(TextSanitizer.sanitized(data.shown(stats.template.string)))
      text.draw(
        into: &buffer, x: rect.x, y: rect.y + 2 + line, width: rect.width,
        base: selected ? palette.selection : nil)
    }
    if rect.height >= 4, position.selected >= 0 {
      buffer.put(
        footer(summary.patterns[position.selected], data: data), x: rect.x,
        y: rect.y + rect.height - 1, style: palette.dim, maxWidth: rect.width)
    }
  }

  /// " patterns · 3,292 records in 31 patterns · most errors first · mining… 45% "
  func title(_ summary: PatternSummary, table: PatternTable, data: ViewData, state: PatternsState)
    -> String
  {
    let count = summary.patterns.count
    var text = " patterns · \(DigitGrouping.text(summary.records)) records in "
    text += "\(DigitGrouping.text(count)) pattern\(count == 1 ? "" : "s") · "
    text += state.errorsFirst ? "most errors first " : "most records first "
    if table.mining {
      text += "· mining… \(table.mined * 100 / max(1, data.rowCount))% "
    }
    return text
  }

  /// "E 86 W 3 I 400" in the level colors.
  func levels(_ stats: PatternStats) -> RowText {
    var row = RowText()
    for (i, entry) in PatternSummary.levels(stats).enumerated() {
      if i > 0 { row.append(" ") }
      row.append(
        PatternSummary.letter(entry.level) + " " + DigitGrouping.text(entry.count),
        palette.record.levelLabel(entry.level))
    }
    return row
  }

  /// " services: checkout-api, inventory · first 10:00:01.203 · last 10:19:46.497"
  func footer(_ stats: PatternStats, data: ViewData) -> String {
    var text = " services: " + PatternSummary.services(stats, limit: 4, separator: ", ")
    for (name, time) in [("first", stats.first), ("last", stats.last)] {
      guard let time else { continue }
      var bytes: [UInt8] = []
      TimestampFormatter.appendDisplay(time, zone: data.zone, to: &bytes)
      text += " · \(name) " + String(decoding: bytes, as: UTF8.self)
    }
    return text + " · pattern=" + stats.idText
  }

  private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    return right ? fill + text : text + fill
  }
}
