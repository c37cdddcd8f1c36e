import LogviewCore

/// One record as a stream row: time, level, service, message, then the request ID and other
/// fields as key=value. Only visible rows are formatted, so this may allocate.
public struct RowFormatter {
  public let palette: Palette
  public let zone: TimeZoneRule
  /// Width reserved for the service column.
  public var serviceWidth = 16

  public init(palette: Palette, zone: TimeZoneRule) {
    self.palette = palette
    self.zone = zone
  }

  /// `source`: a short source name to show first (the `s` toggle), or nil.
  public func row(_ record: RecordView, source: String? = nil) -> RowText {
    var row = RowText()
    if let source {
      row.append(DisplayWidth.padded(source, to: 16) + " ", palette.dim)
    }
    var time: [UInt8] = []
    if let t = record.timestamp {
      TimestampFormatter.appendTimeOfDay(t, zone: zone, to: &time)
      row.append(String(decoding: time, as: UTF8.self), palette.dim)
    } else {
      row.append(String(repeating: " ", count: 12))
    }
    row.append(" ")
    row.append(Self.levelWord(record.level), palette.levelLabel(record.level))
    row.append(" ")
    guard record.isJSON else {
      row.append(Self.firstLine(record), palette.level(record.level))
      return row
    }
    let service = record.string(of: .service) ?? ""
    row.append(DisplayWidth.padded(service, to: serviceWidth), palette.service)
    row.append(" ")
    row.append(record.string(of: .message) ?? "", palette.level(record.level))
    record.forEachExtraField { key, value in
      row.append("  " + key.decodedString() + "=", palette.key)
      row.append(Self.valueText(value))
    }
    return row
  }

  static func levelWord(_ level: Level?) -> String {
    level.map { "\($0.paddedLabel)" } ?? "     "
  }

  static func valueText(_ value: JSONValue) -> String {
    switch value.kind {
    case .string: value.decodedString()
    default: String(decoding: value.bytes, as: UTF8.self)
    }
  }

  static func firstLine(_ record: RecordView) -> String {
    String(decoding: record.firstLine, as: UTF8.self)
  }
}
