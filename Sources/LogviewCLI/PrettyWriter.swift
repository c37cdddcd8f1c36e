import LogviewCore

/// The human line: time, level, service, message, then the remaining fields as key=value
/// (nested objects flattened to dotted keys), then any continuation lines.
struct PrettyWriter {
  let style: AnsiStyle
  let zone: TimeZoneRule

  private static let maxFlattenDepth = 4

  func append(_ record: RecordView, to out: inout [UInt8]) {
    if record.isJSON {
      appendJSONRecord(record, to: &out)
    } else {
      // Raw text already carries its own time and level: show it as written, level-colored.
      if let level = record.level { style.open(AnsiStyle.level(level), &out) }
      TextSanitizer.append(record.firstLine, to: &out)
      if record.level != nil { style.close(&out) }
      out.append(0x0A)
    }
    if record.text.count > record.firstLine.count + 1 {
      let rest = UnsafeRawBufferPointer(rebasing: record.text[(record.firstLine.count + 1)...])
      appendContinuationLines(rest, to: &out)
    }
  }

  private func appendJSONRecord(_ record: RecordView, to out: inout [UInt8]) {
    style.open(AnsiStyle.dim, &out)
    if let t = record.timestamp {
      TimestampFormatter.appendDisplay(t, zone: zone, to: &out)
    } else {
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 23))
    }
    style.close(&out)
    out.append(0x20)
    if let level = record.level {
      style.open(AnsiStyle.level(level), &out)
      out.appendBytes(level.paddedLabel)
      style.close(&out)
    } else {
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 5))
    }
    out.append(0x20)
    _ = record.withText(of: .service) { service in
      style.open(AnsiStyle.service, &out)
      TextSanitizer.append(service, to: &out)
      style.close(&out)
      out.appendBytes(": ")
    }
    _ = record.withText(of: .message) { TextSanitizer.append($0, to: &out) }
    var path: [UInt8] = []
    record.forEachExtraField { key, value in
      if value.kind == .object, value.bytes.count > 2 {
        path.removeAll(keepingCapacity: true)
        key.appendDecoded(to: &path)
        appendNested(&path, value, depth: 1, to: &out)
      } else {
        out.append(0x20)
        style.open(AnsiStyle.dim, &out)
        if !key.hasEscapes, isBare(key.bytes) {
          out.appendBytes(key.bytes)
        } else {
          path.removeAll(keepingCapacity: true)
          key.appendDecoded(to: &path)
          path.withUnsafeBytes { TextSanitizer.append($0, to: &out) }
        }
        out.append(UInt8(ascii: "="))
        style.close(&out)
        appendValue(value, to: &out)
      }
    }
    out.append(0x0A)
  }

  /// Nested objects become dotted keys (http.method=POST), down to a few levels.
  private func appendNested(
    _ path: inout [UInt8], _ value: JSONValue, depth: Int, to out: inout [UInt8]
  ) {
    if value.kind == .object, depth <= Self.maxFlattenDepth, value.bytes.count > 2 {
      let length = path.count
      value.forEachMember { key, inner in
        path.removeSubrange(length...)
        path.append(UInt8(ascii: "."))
        key.appendDecoded(to: &path)
        appendNested(&path, inner, depth: depth + 1, to: &out)
        return true
      }
      path.removeSubrange(length...)
      return
    }
    out.append(0x20)
    style.open(AnsiStyle.dim, &out)
    path.withUnsafeBytes { TextSanitizer.append($0, to: &out) }
    out.append(UInt8(ascii: "="))
    style.close(&out)
    appendValue(value, to: &out)
  }

  private func appendValue(_ value: JSONValue, to out: inout [UInt8]) {
    guard value.kind == .string else {
      TextSanitizer.append(value.bytes, to: &out)
      return
    }
    if !value.hasEscapes, isBare(value.bytes) {
      out.appendBytes(value.bytes)
      return
    }
    var decoded: [UInt8] = []
    value.appendDecoded(to: &decoded)
    decoded.withUnsafeBytes { bytes in
      if isBare(bytes) {
        out.appendBytes(bytes)
      } else {
        JSONStringCodec.appendQuoted(bytes, to: &out)
      }
    }
  }

  /// Bytes that may stand unquoted: printable ASCII except space, '"' and '='.
  private let bareBytes: [Bool] = (0..<256).map { byte in
    byte > 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x3D
  }

  private func isBare(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard !bytes.isEmpty else { return false }
    return bareBytes.withUnsafeBufferPointer { table in
      for byte in bytes where !table[Int(byte)] { return false }
      return true
    }
  }

  func appendContinuationLines(_ text: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    var start = 0
    for i in 0...text.count where i == text.count || text[i] == 0x0A {
      var line = UnsafeRawBufferPointer(rebasing: text[start..<i])
      if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
      style.open(AnsiStyle.dim, &out)
      TextSanitizer.appendLine(line, to: &out)
      style.close(&out)
      out.append(0x0A)
      start = i + 1
    }
  }
}
