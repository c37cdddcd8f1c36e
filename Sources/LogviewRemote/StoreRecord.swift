import LogviewCore

/// Turns a line a store returned into the record logview reads: a JSON object line keeps
/// its members and gains the store's metadata (Loki stream labels) as members it does not
/// already have, plus the store's time as `observedTimeUnixNano` (the normalizer's last time
/// key, so the line's own time wins); any other line becomes
/// `{"observedTimeUnixNano":...,labels...,"message":"<line>"}`.
struct StoreRecord {
  private var scanner = JSONObjectScanner()
  static let timeKey = "observedTimeUnixNano"

  /// Every entry of `page`, in order.
  mutating func append(_ page: LokiPage, to out: inout [UInt8]) {
    for entry in page.entries {
      append(line: entry.line, nanos: entry.nanos, metadata: page.streams[entry.stream], to: &out)
    }
  }

  mutating func append(
    line: [UInt8], nanos: Int64?, metadata: [(name: String, value: String)],
    to out: inout [UInt8]
  ) {
    line.withUnsafeBytes { raw in
      if scanner.scan(raw) {
        appendObject(raw, nanos: nanos, metadata: metadata, to: &out)
      } else {
        Self.appendWrapped(raw, nanos: nanos, metadata: metadata, to: &out)
      }
    }
    out.append(0x0A)
  }

  private func appendObject(
    _ raw: UnsafeRawBufferPointer, nanos: Int64?, metadata: [(name: String, value: String)],
    to out: inout [UInt8]
  ) {
    // Compared in place: a set of the keys cost a hash and a string per member, per record.
    let has = { (name: String) in
      scanner.members.contains { member in
        JSONValue(
          bytes: UnsafeRawBufferPointer(rebasing: raw[Int(member.keyStart)..<Int(member.keyEnd)]),
          kind: .string, hasEscapes: member.keyHasEscapes
        ).equals(name)
      }
    }
    out.append(UInt8(ascii: "{"))
    var first = true
    if let nanos, !has(Self.timeKey) {
      Self.appendMember(Self.timeKey, String(nanos), to: &out, first: &first)
    }
    for (name, value) in metadata where !has(name) {
      Self.appendMember(name, value, to: &out, first: &first)
    }
    // The object's own members follow, from just after its '{'.
    let inner = raw[(scanner.objectRange.lowerBound + 1)..<(scanner.objectRange.upperBound - 1)]
    if !scanner.members.isEmpty, !first { out.append(UInt8(ascii: ",")) }
    out.append(contentsOf: inner.drop { $0 == 0x20 || $0 == 0x09 })
    out.append(UInt8(ascii: "}"))
  }

  private static func appendWrapped(
    _ raw: UnsafeRawBufferPointer, nanos: Int64?, metadata: [(name: String, value: String)],
    to out: inout [UInt8]
  ) {
    out.append(UInt8(ascii: "{"))
    var first = true
    if let nanos { appendMember(timeKey, String(nanos), to: &out, first: &first) }
    for (name, value) in metadata where name != "message" {
      appendMember(name, value, to: &out, first: &first)
    }
    if !first { out.append(UInt8(ascii: ",")) }
    out.append(contentsOf: Array("\"message\":".utf8))
    // A trailing CR (CRLF logs) is not part of the message.
    let end = raw.last == 0x0D ? raw.count - 1 : raw.count
    JSONStringCodec.appendQuoted(UnsafeRawBufferPointer(rebasing: raw[0..<end]), to: &out)
    out.append(UInt8(ascii: "}"))
  }

  private static func appendMember(
    _ name: String, _ value: String, to out: inout [UInt8], first: inout Bool
  ) {
    if !first { out.append(UInt8(ascii: ",")) }
    first = false
    JSONStringCodec.appendQuoted(name, to: &out)
    out.append(UInt8(ascii: ":"))
    JSONStringCodec.appendQuoted(value, to: &out)
  }
}
