/// The right-hand side of a field comparison, prepared once at compile time.
struct ValueLiteral: Sendable {
  /// UTF-8 of the literal, compared byte for byte with the field's decoded text.
  let bytes: [UInt8]
  /// Set when the literal is an unquoted number: then numeric fields compare numerically.
  let number: Double?

  init(_ text: String, numeric: Bool) {
    bytes = Array(text.utf8)
    number = numeric && Self.looksNumeric(bytes) ? Double(text) : nil
  }

  /// JSON number syntax (leading zeros allowed): keeps "nan", "inf" and "0x10" textual.
  static func looksNumeric(_ b: [UInt8]) -> Bool {
    var i = 0
    func digits() -> Bool {
      let start = i
      while i < b.count, b[i] &- UInt8(ascii: "0") < 10 { i += 1 }
      return i > start
    }
    if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
    guard digits() else { return false }
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() else { return false }
    }
    if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
      guard digits() else { return false }
    }
    return i == b.count
  }
}
