import LogviewCore

/// `-o json`: one object per record holding every field as written (a prefixed or logfmt
/// line's fields too), plus logview's reading of it under `_logview` (or `_logview_`, ... when
/// the record has a field of that name): source, line, timestamp, level, message, requestId,
/// service, and the record's other lines (`text` for a plain-text record, `continuation` for
/// the lines after a structured one). `jq .durationMs` reads the record's own field.
enum JSONRecordWriter {
  static func append(_ record: RecordView, source: [UInt8], line: Int, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    var members = 0
    var longestClash = -1
    record.forEachOwnMember { key, value in
      if members > 0 { out.append(UInt8(ascii: ",")) }
      members += 1
      appendString(key, to: &out)
      out.append(UInt8(ascii: ":"))
      appendValue(value, to: &out)
      longestClash = max(longestClash, clash(key))
    }
    if members > 0 { out.append(UInt8(ascii: ",")) }
    out.appendBytes("\"_logview")
    if longestClash >= 0 {
      out.append(contentsOf: repeatElement(UInt8(ascii: "_"), count: longestClash + 1))
    }
    out.appendBytes("\":")
    NormalizedWriter.appendFields(record, source: source, line: line, to: &out)
    out.removeLast()  // the normalized object's "}"
    appendLines(record, to: &out)
    out.appendBytes("}}\n")
  }

  /// How many '_' follow "_logview" in `key` when the key is "_logview" with only '_' after
  /// it (the name must then grow past it); -1 for any other key.
  private static func clash(_ key: JSONValue) -> Int {
    let name = "_logview".utf8
    guard !key.hasEscapes, key.bytes.count >= name.count,
      key.bytes.prefix(name.count).elementsEqual(name),
      key.bytes.dropFirst(name.count).allSatisfy({ $0 == UInt8(ascii: "_") })
    else { return -1 }
    return key.bytes.count - name.count
  }

  private static func appendLines(_ record: RecordView, to out: inout [UInt8]) {
    if !record.isJSON {
      out.appendBytes(",\"text\":")
      JSONStringCodec.appendQuoted(record.text, to: &out)
    } else if record.text.count > record.continuationStart {
      out.appendBytes(",\"continuation\":")
      JSONStringCodec.appendQuoted(
        UnsafeRawBufferPointer(rebasing: record.text[record.continuationStart...]), to: &out)
    }
  }

  /// A scanned value as valid JSON: as written when it is, re-encoded when the scanner let
  /// something through that JSON forbids (raw controls or invalid UTF-8 in a string; NaN).
  private static func appendValue(_ value: JSONValue, to out: inout [UInt8]) {
    switch value.kind {
    case .string:
      appendString(value, to: &out)
    case .number:
      if let last = value.bytes.last, last &- UInt8(ascii: "0") < 10 {
        out.appendBytes(value.bytes)
      } else {
        JSONStringCodec.appendQuoted(value.bytes, to: &out)  // NaN, Infinity
      }
    default:
      appendContainer(value.bytes, to: &out)
    }
  }

  /// An object or array on one line: a pretty-printed record's line ends and tabs between
  /// tokens dropped, control bytes inside its strings escaped.
  private static func appendContainer(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    guard bytes.contains(where: { $0 < 0x20 }) else {
      out.appendBytes(bytes)
      return
    }
    var inString = false
    var escaped = false
    for byte in bytes {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        } else if byte < 0x20 {
          out.appendBytes("\\u00")
          out.append(hexDigit(byte >> 4))
          out.append(hexDigit(byte & 0xF))
          continue
        }
        out.append(byte)
      } else if byte > 0x20 {
        if byte == UInt8(ascii: "\"") { inString = true }
        out.append(byte)
      } else if byte == 0x20 {
        out.append(byte)
      }
    }
  }

  private static func hexDigit(_ v: UInt8) -> UInt8 {
    v < 10 ? 0x30 + v : 0x61 + v - 10
  }

  private static func appendString(_ value: JSONValue, to out: inout [UInt8]) {
    if !value.hasEscapes, isPlain(value.bytes) {
      out.append(UInt8(ascii: "\""))
      out.appendBytes(value.bytes)
      out.append(UInt8(ascii: "\""))
      return
    }
    var decoded: [UInt8] = []
    value.appendDecoded(to: &decoded)
    decoded.withUnsafeBytes { JSONStringCodec.appendQuoted($0, to: &out) }
  }

  /// Printable ASCII: an escaped string's content can be copied as is.
  private static func isPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }
}
