import LogviewCore

/// One record as a stream row: time, level, service, message, then the other fields as
/// key=value, as the RecordPresenter shows them (the same text as headless pretty lines),
/// but those the user hid. Only visible rows are formatted, so this may allocate.
public struct RowFormatter {
  public let palette: Palette
  public let zone: TimeZoneRule
  /// Width reserved for the service column.
  public var serviceWidth = 16
  /// Times with their date (see TimeColumn).
  public var dates = false
  /// Extra fields shown or hidden.
  public var columns = FieldColumns()
  let presenter = RecordPresenter()

  public init(palette: Palette, zone: TimeZoneRule) {
    self.palette = palette
    self.zone = zone
  }

  /// This formatter with `state`'s row options: dates, hidden fields.
  public func laidOut(for state: AppState) -> RowFormatter {
    var formatter = self
    formatter.dates = state.rows.dates
    formatter.columns = state.columns
    return formatter
  }

  /// `source`: a short source name to show first (the `s` toggle), or nil.
  public func row(_ record: RecordView, source: String? = nil) -> RowText {
    var row = RowText()
    if let source {
      row.append(DisplayWidth.padded(source, to: 16) + " ", palette.dim)
    }
    if let t = record.timestamp {
      row.append(TimeColumn.text(t, dates: dates, zone: zone), palette.record.time)
    } else {
      row.append(String(repeating: " ", count: TimeColumn.width(dates: dates)))
    }
    row.append(" ")
    row.append(Self.levelWord(record.level), palette.levelLabel(record.level))
    row.append(" ")
    guard record.isJSON else {
      presenter.withFirstLine(of: record) { row.append(Self.text($0), palette.level(record.level)) }
      return row
    }
    var service = ""
    presenter.withText(.service, of: record) { service = Self.text($0) }
    row.append(DisplayWidth.padded(service, to: serviceWidth), palette.service)
    row.append(" ")
    presenter.withText(.message, of: record) {
      row.append(Self.text($0), palette.level(record.level))
    }
    let hides = !columns.hidden.isEmpty
    presenter.forEachField(of: record) { key, value in
      let name = Self.text(key)
      if hides, !columns.shows(name) { return }
      row.append(" " + name + "=", palette.key)
      row.append(Self.text(value))
    }
    return row
  }

  static func levelWord(_ level: Level?) -> String {
    level.map { "\($0.paddedLabel)" } ?? "     "
  }

  static func text(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
