import LogviewCore

/// The request timeline: a header with the span, services and counts per level, then every
/// record with its offset from the first (+0 ms, +52 ms...), the first error highlighted.
public enum CorrelationPane {
  /// The request's records' durations are read with these keys' units.
  static let durationUnits = DurationReader.keys.map { DurationReader.unitNanos(forKey: $0.dotted) }

  public static func render(
    into buffer: inout CellBuffer, rect: Rect, correlation: CorrelationState, data: ViewData,
    horizontalOffset: Int, palette: Palette
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height >= 3 else { return }
    let records = correlation.records
    var times: [Int64?] = []
    var services: [String] = []
    var counts = [Int](repeating: 0, count: 7)
    var firstError: Int?
    for (i, index) in records.enumerated() {
      let meta = data.log.record(at: index)
      times.append(meta.timestamp)
      counts[Int(meta.level?.rawValue ?? 0)] += 1
      if firstError == nil, let level = meta.level, level >= .error { firstError = i }
      if let service = data.withRecord(logIndex: index, { text(.service, of: $0, data) }),
        !services.contains(service)
      {
        services.append(service)
      }
    }
    let known = times.compactMap { $0 }
    let start = known.min()
    var header = RowText()
    header.append(" request \(correlation.requestId)", palette.title)
    header.append(" · \(records.count) records", palette.title)
    if let start, let end = known.max() {
      header.append(" · span \(formatOffset(end - start))", palette.title)
      var from: [UInt8] = []
      var to: [UInt8] = []
      TimestampFormatter.appendTimeOfDay(start, zone: data.zone, to: &from)
      TimestampFormatter.appendTimeOfDay(end, zone: data.zone, to: &to)
      header.append(
        " (\(String(decoding: from, as: UTF8.self)) → \(String(decoding: to, as: UTF8.self)))",
        palette.dim)
    }
    header.draw(into: &buffer, x: rect.x, y: rect.y, width: rect.width)
    var second = RowText()
    second.append(
      " services: " + (services.isEmpty ? "—" : services.joined(separator: ", ")) + " · ",
      palette.dim)
    for level in Level.allCases.reversed() where counts[Int(level.rawValue)] > 0 {
      second.append(
        "\(level.name.uppercased()) \(counts[Int(level.rawValue)])  ",
        palette.levelLabel(level))
    }
    second.draw(into: &buffer, x: rect.x, y: rect.y + 1, width: rect.width)
    buffer.put(
      String(repeating: "─", count: rect.width), x: rect.x, y: rect.y + 2, style: palette.dim)

    let list = Rect(x: rect.x, y: rect.y + 3, width: rect.width, height: rect.height - 3)
    for line in 0..<list.height {
      let position = correlation.position.top + line
      guard position < records.count else { break }
      let index = records[position]
      var row = RowText()
      let offset = times[position].flatMap { t in start.map { t - $0 } }
      row.append(
        DisplayWidth.padded(offset.map(formatOffset).map { "+" + $0 } ?? "", to: 11), palette.dim)
      row.append(position == firstError ? "▶ " : "  ", palette.errorText)
      data.withRecord(logIndex: index) { record in
        row.append(
          DisplayWidth.padded(text(.service, of: record, data) ?? "", to: 16), palette.service)
        row.append(" ")
        row.append(RowFormatter.levelWord(record.level), palette.levelLabel(record.level))
        row.append(" ")
        row.append(
          text(.message, of: record, data) ?? "",
          position == firstError ? palette.errorText : palette.level(record.level))
        if let duration = duration(of: record) {
          row.append("  " + DurationReader.format(duration), palette.dim)
        }
      }
      let selected = position == correlation.position.selected
      let y = list.y + line
      if selected {
        buffer.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: palette.selection)
      }
      row.draw(
        into: &buffer, x: list.x, y: y, width: list.width, offset: horizontalOffset,
        base: selected ? palette.selection : nil)
    }
  }

  static func text(_ field: NormalizedField, of record: RecordView, _ data: ViewData) -> String? {
    var text: String?
    data.presenter.withText(field, of: record) { text = String(decoding: $0, as: UTF8.self) }
    return text
  }

  /// The first duration field of the record, in nanoseconds.
  static func duration(of record: RecordView) -> Int64? {
    for (key, unit) in zip(DurationReader.keys, durationUnits) {
      if let value = record.field(key) { return DurationReader.nanos(value, unit: unit) }
    }
    return nil
  }

  /// An offset from the request's first record, to the millisecond.
  static func formatOffset(_ nanos: Int64) -> String {
    DurationReader.format((nanos + 500_000) / 1_000_000 * 1_000_000)
  }
}
