/// Walking already-scanned JSON without building anything: find where a value ends.
/// Inputs normally passed `JSONObjectScanner`, but `JSONValue` is public, so every function
/// here stays in bounds and gives up (returns nil) on malformed bytes instead of trapping.
enum JSONSkip {
  struct Token {
    var start: Int
    var end: Int
    var kind: JSONKind
    var hasEscapes: Bool
    /// Index just past the token (past the closing quote for strings).
    var next: Int
  }

  /// The value at `from` (space already skipped).
  static func value(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Token? {
    guard from < end else { return nil }
    let c = ByteScan.byte(base, from)
    switch c {
    case UInt8(ascii: "\""):
      var escapes = false
      let close = JSONObjectScanner.scanString(base, from &+ 1, end, &escapes)
      guard close >= 0 else { return nil }
      return Token(
        start: from &+ 1, end: close, kind: .string, hasEscapes: escapes, next: close &+ 1)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard let close = containerEnd(base, from, end) else { return nil }
      let kind: JSONKind = c == UInt8(ascii: "{") ? .object : .array
      return Token(start: from, end: close, kind: kind, hasEscapes: false, next: close)
    default:
      var i = from
      while i < end, !isDelimiter(ByteScan.byte(base, i)) { i &+= 1 }
      guard i > from else { return nil }
      let kind: JSONKind
      switch c {
      case UInt8(ascii: "t"), UInt8(ascii: "f"): kind = .bool
      case UInt8(ascii: "n"): kind = .null
      default: kind = .number
      }
      return Token(start: from, end: i, kind: kind, hasEscapes: false, next: i)
    }
  }

  /// Index just past the bracket matching the one at `from`, counting depth (strings
  /// skipped) rather than recursing.
  static func containerEnd(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Int? {
    var depth = 0
    var i = from
    while i < end {
      switch ByteScan.byte(base, i) {
      case UInt8(ascii: "\""):
        var escapes = false
        let close = JSONObjectScanner.scanString(base, i &+ 1, end, &escapes)
        guard close >= 0 else { return nil }
        i = close
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth &+= 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth &-= 1
        if depth == 0 { return i &+ 1 }
      default:
        break
      }
      i &+= 1
    }
    return nil
  }

  /// Calls `body` with each member of the object in `bytes` (which starts with '{').
  /// Stops early when `body` returns false or at the first malformed byte.
  static func forEachMember(
    _ bytes: UnsafeRawBufferPointer, _ body: (_ key: Token, _ value: Token) -> Bool
  ) {
    guard let base = bytes.baseAddress, !bytes.isEmpty,
      ByteScan.byte(base, 0) == UInt8(ascii: "{")
    else { return }
    let end = bytes.count
    var i = JSONObjectScanner.skipSpace(base, 1, end)
    while i < end, ByteScan.byte(base, i) == UInt8(ascii: "\"") {
      guard let key = value(base, i, end) else { return }
      i = JSONObjectScanner.skipSpace(base, key.next, end)
      guard i < end, ByteScan.byte(base, i) == UInt8(ascii: ":") else { return }
      i = JSONObjectScanner.skipSpace(base, i &+ 1, end)
      guard let val = value(base, i, end), body(key, val) else { return }
      i = JSONObjectScanner.skipSpace(base, val.next, end)
      guard i < end, ByteScan.byte(base, i) == UInt8(ascii: ",") else { return }
      i = JSONObjectScanner.skipSpace(base, i &+ 1, end)
    }
  }

  @inline(__always)
  private static func isDelimiter(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: true
    default: false
    }
  }
}
