/// Writes the JSON object logview reads a non-JSON line as (a prefix's fields, a logfmt or
/// access-log line, a user format's groups), so such a line goes through the same key tables,
/// field lookups and output as a JSON record. One per Normalizer; reused for every line.
struct FieldObjectWriter {
  private(set) var bytes: [UInt8] = []
  private var members = 0

  mutating func begin() {
    // Most lines try a shape and write nothing: then there is nothing to clear.
    if members == 0, bytes.count == 1 { return }
    bytes.removeAll(keepingCapacity: true)
    bytes.append(UInt8(ascii: "{"))
    members = 0
  }

  mutating func end() { bytes.append(UInt8(ascii: "}")) }

  var isEmpty: Bool { members == 0 }

  /// A member whose value is text (escaped as JSON; invalid UTF-8 kept as the scanner keeps it).
  mutating func addString(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) {
    addKey(key)
    JSONStringCodec.appendQuoted(value, to: &bytes)
  }

  mutating func addString(_ key: StaticString, _ value: UnsafeRawBufferPointer) {
    addString(Self.buffer(key), value)
  }

  /// A member whose value is a number when it reads as a JSON number, else text: `port=8080`
  /// compares as a number, `took=12ms` stays text.
  mutating func addScalar(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) {
    guard Self.isJSONNumber(value) else {
      addString(key, value)
      return
    }
    addKey(key)
    bytes.appendBytes(value)
  }

  mutating func addScalar(_ key: StaticString, _ value: UnsafeRawBufferPointer) {
    addScalar(Self.buffer(key), value)
  }

  private mutating func addKey(_ key: UnsafeRawBufferPointer) {
    if members > 0 { bytes.append(UInt8(ascii: ",")) }
    members += 1
    JSONStringCodec.appendQuoted(key, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
  }

  static func buffer(_ text: StaticString) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, at most 20 bytes
  /// (longer digit runs are IDs, kept as text).
  static func isJSONNumber(_ p: UnsafeRawBufferPointer) -> Bool {
    guard !p.isEmpty, p.count <= 20 else { return false }
    var i = 0
    if p[i] == UInt8(ascii: "-") { i += 1 }
    guard i < p.count, ASCIIKind.isDigit(p[i]) else { return false }
    if p[i] == UInt8(ascii: "0") {
      i += 1
    } else {
      while i < p.count, ASCIIKind.isDigit(p[i]) { i += 1 }
    }
    if i < p.count, p[i] == UInt8(ascii: ".") {
      i += 1
      let digits = i
      while i < p.count, ASCIIKind.isDigit(p[i]) { i += 1 }
      guard i > digits else { return false }
    }
    if i < p.count, p[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
      let digits = i
      while i < p.count, ASCIIKind.isDigit(p[i]) { i += 1 }
      guard i > digits else { return false }
    }
    return i == p.count
  }
}
