/// Byte predicates for the timestamp and level scanners (ASCII only; other bytes are "other").
@usableFromInline
enum ASCIIKind {
  @inline(__always)
  static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

  @inlinable
  static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }

  @inline(__always)
  static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

  @inline(__always)
  static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }

  @inline(__always)
  static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }

  /// Space, tab, CR, LF, vertical tab, form feed.
  @inline(__always)
  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b &- 0x09) < 5 }

  /// ASCII lowercase of a letter; other bytes unchanged.
  @inlinable
  static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
}
