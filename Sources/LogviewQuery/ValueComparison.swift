import Glibc
import LogviewCore

/// Comparing a JSON value (or a normalized field's text) with a literal: numerically when both
/// are numbers, otherwise byte-wise on the decoded text. Booleans, null, objects and arrays
/// compare by their token text.
enum ValueComparison {
  static func equals(_ value: JSONValue, _ literal: ValueLiteral) -> Bool {
    if let n = literal.number, let v = number(value) { return v == n }
    return literal.bytes.withUnsafeBytes { lit in
      value.kind == .string ? value.equals(lit) : compareBytes(value.bytes, lit) == 0
    }
  }

  /// Sign of value compared with literal, or nil when unordered (NaN).
  static func order(_ value: JSONValue, _ literal: ValueLiteral) -> Int? {
    if let n = literal.number, let v = number(value) {
      if v < n { return -1 }
      if v > n { return 1 }
      return v == n ? 0 : nil
    }
    return literal.bytes.withUnsafeBytes { lit in withDecoded(value) { compareBytes($0, lit) } }
  }

  @inline(__always)
  private static func number(_ value: JSONValue) -> Double? {
    value.kind == .number || value.kind == .string ? value.number() : nil
  }

  /// The value's decoded text: its own bytes unless it is a string with escapes (rare; only
  /// then is a temporary buffer used).
  static func withDecoded<R>(_ value: JSONValue, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    guard value.kind == .string && value.hasEscapes else { return body(value.bytes) }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(value.bytes.count)
    value.appendDecoded(to: &buffer)
    return buffer.withUnsafeBytes(body)
  }

  /// Lexicographic byte order (memcmp, then length): -1, 0 or 1.
  static func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    if common > 0, let pa = a.baseAddress, let pb = b.baseAddress {
      let c = memcmp(pa, pb, common)
      if c != 0 { return c < 0 ? -1 : 1 }
    }
    return a.count < b.count ? -1 : (a.count > b.count ? 1 : 0)
  }
}
