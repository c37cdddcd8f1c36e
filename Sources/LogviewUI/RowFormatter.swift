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
  /// The most bytes of text a row gets: a row is cut or wrapped to the screen, so a 20 MB
  /// record's row is not built whole for every frame (its detail pane scrolls at once).
  public var maxBytes = Int.max
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
    var room = maxBytes
    presenter.maxValueBytes = maxBytes
    guard record.isJSON else {
      presenter.withFirstLine(of: record) {
        row.append(Self.text($0, room: &room), palette.level(record.level))
      }
      return row
    }
    var service = ""
    presenter.withText(.service, of: record) { service = Self.text($0, room: &room) }
    row.append(DisplayWidth.padded(service, to: serviceWidth), palette.service)
    row.append(" ")
    presenter.withText(.message, of: record) {
      row.append(Self.text($0, room: &room), palette.level(record.level))
    }
    let hides = !columns.hidden.isEmpty
    presenter.forEachField(of: record) { key, value in
      guard room > 0 else { return }
      let name = Self.text(key)
      if hides, !columns.shows(name) { return }
      row.append(" " + Self.text(key, room: &room) + "=", palette.key)
      row.append(Self.text(value, room: &room))
    }
    return row
  }

  /// At most `room` bytes of `bytes` as text, cut before a character, `room` reduced by them.
  static func text(_ bytes: UnsafeRawBufferPointer, room: inout Int) -> String {
    guard bytes.count > room else {
      room -= bytes.count
      return text(bytes)
    }
    var end = max(0, room)
    // A UTF-8 continuation byte (10xxxxxx) would split a character.
    while end > 0, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
    room = 0
    return text(UnsafeRawBufferPointer(rebasing: bytes[..<end]))
  }

  static func levelWord(_ level: Level?) -> String {
    level.map { "\($0.paddedLabel)" } ?? "     "
  }

  static func text(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
