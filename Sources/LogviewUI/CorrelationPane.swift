import LogviewCore

/// The request timeline: a header with the span, services and counts per level, then every
/// record with its offset from the first (+0 ms, +52 ms...), the first error highlighted.
public enum CorrelationPane {
  public static func render(
    into buffer: inout CellBuffer, rect: Rect, correlation: CorrelationState, data: ViewData,
    horizontalOffset: Int, marks: Marks = Marks(), palette: Palette, dates: Bool = false
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height >= 3 else { return }
    renderHeader(
      into: &buffer, rect: rect, correlation: correlation, data: data, palette: palette,
      dates: dates)
    let list = Rect(x: rect.x, y: rect.y + 3, width: rect.width, height: rect.height - 3)
    let text = MarkGutter.textRect(list, marks: marks)
    for line in 0..<list.height {
      let position = correlation.position.top + line
      guard position < correlation.records.count else { break }
      let row = self.row(position, of: correlation, data: data, palette: palette)
      let selected = position == correlation.position.selected
      let y = list.y + line
      if selected {
        buffer.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: palette.selection)
      }
      MarkGutter.draw(
        into: &buffer, x: list.x, y: y, logIndex: correlation.records[position], marks: marks,
        palette: palette)
      row.draw(
        into: &buffer, x: text.x, y: y, width: text.width, offset: horizontalOffset,
        base: selected ? palette.selection : nil)
    }
  }

  /// The request, its record count and span (times as the rows show them, with `dates`
  /// the date too); its services and counts per level; a rule.
  static func renderHeader(
    into buffer: inout CellBuffer, rect: Rect, correlation: CorrelationState, data: ViewData,
    palette: Palette, dates: Bool
  ) {
    let summary = correlation.summary
    var header = RowText()
    if let field = correlation.field {
      header.append(" \(field.path)=\(correlation.requestId)", palette.title)
      if field.scanning(data) { header.append(" · scanning", palette.dim) }
    } else {
      header.append(" request \(correlation.requestId)", palette.title)
    }
    header.append(" · \(correlation.records.count) records", palette.title)
    if let start = summary.start, let end = summary.end {
      header.append(" · span \(formatOffset(end - start))", palette.title)
      let from = TimeColumn.text(start, dates: dates, zone: data.zone)
      let to = TimeColumn.text(end, dates: dates, zone: data.zone)
      header.append(" (\(from) → \(to))", palette.dim)
    }
    header.draw(into: &buffer, x: rect.x, y: rect.y, width: rect.width)
    var second = RowText()
    let services = summary.services.isEmpty ? "—" : summary.services.joined(separator: ", ")
    second.append(" services: " + services + " · ", palette.dim)
    for level in Level.allCases.reversed() where summary.counts[Int(level.rawValue)] > 0 {
      second.append(
        "\(level.name.uppercased()) \(summary.counts[Int(level.rawValue)])  ",
        palette.levelLabel(level))
    }
    second.draw(into: &buffer, x: rect.x, y: rect.y + 1, width: rect.width)
    buffer.put(
      String(repeating: "─", count: rect.width), x: rect.x, y: rect.y + 2, style: palette.dim)
  }

  /// One record: its offset from the first, service, level, message and duration.
  static func row(
    _ position: Int, of correlation: CorrelationState, data: ViewData, palette: Palette
  ) -> RowText {
    let summary = correlation.summary
    let isFirstError = position == summary.firstError
    var row = RowText()
    let offset = summary.times[position].flatMap { t in summary.start.map { t - $0 } }
    row.append(
      DisplayWidth.padded(offset.map(formatOffset).map { "+" + $0 } ?? "", to: 11), palette.dim)
    row.append(isFirstError ? "▶ " : "  ", palette.errorText)
    data.withRecord(logIndex: correlation.records[position]) { record in
      row.append(
        DisplayWidth.padded(data.text(.service, of: record) ?? "", to: 16), palette.service)
      row.append(" ")
      row.append(RowFormatter.levelWord(record.level), palette.levelLabel(record.level))
      row.append(" ")
      row.append(
        data.text(.message, of: record) ?? "",
        isFirstError ? palette.errorText : palette.level(record.level))
      if let duration = duration(of: record) {
        row.append("  " + DurationReader.format(duration), palette.dim)
      }
    }
    return row
  }

  /// The first duration field of the record, in nanoseconds.
  static func duration(of record: RecordView) -> Int64? { DurationReader.nanos(of: record) }

  /// An offset from the request's first record, to the millisecond.
  static func formatOffset(_ nanos: Int64) -> String {
    DurationReader.format((nanos + 500_000) / 1_000_000 * 1_000_000)
  }
}
