import LogviewCore

/// One JSON object per record with exactly the keys source, line, json, timestamp, level,
/// message, requestId, service.
enum NormalizedWriter {
  static func append(_ record: RecordView, source: [UInt8], line: Int, to out: inout [UInt8]) {
    appendFields(record, source: source, line: line, to: &out)
    out.append(0x0A)
  }

  /// The object without a line end (`-o json` nests it).
  static func appendFields(
    _ record: RecordView, source: [UInt8], line: Int, to out: inout [UInt8]
  ) {
    out.append(contentsOf: #"{"source":"#.utf8)
    source.withUnsafeBytes { JSONStringCodec.appendQuoted($0, to: &out) }
    out.append(contentsOf: #","line":"#.utf8)
    out.append(contentsOf: String(line).utf8)
    out.append(contentsOf: record.isJSON ? #","json":true"#.utf8 : #","json":false"#.utf8)
    out.append(contentsOf: #","timestamp":"#.utf8)
    if let t = record.timestamp {
      out.append(0x22)
      TimestampFormatter.appendRFC3339Millis(t, to: &out)
      out.append(0x22)
    } else {
      out.append(contentsOf: "null".utf8)
    }
    out.append(contentsOf: #","level":"#.utf8)
    if let level = record.level {
      out.append(0x22)
      out.append(contentsOf: level.name.utf8)
      out.append(0x22)
    } else {
      out.append(contentsOf: "null".utf8)
    }
    appendText(record, .message, key: #","message":"#, to: &out)
    appendText(record, .requestId, key: #","requestId":"#, to: &out)
    appendText(record, .service, key: #","service":"#, to: &out)
    out.append(UInt8(ascii: "}"))
  }

  private static func appendText(
    _ record: RecordView, _ field: NormalizedField, key: String, to out: inout [UInt8]
  ) {
    out.append(contentsOf: key.utf8)
    let written: Void? = record.withText(of: field) { JSONStringCodec.appendQuoted($0, to: &out) }
    if written == nil { out.append(contentsOf: "null".utf8) }
  }
}
