/// Makes log text safe to print on a terminal: control characters (escape sequences a log line
/// could use to rewrite the screen) become visible escapes, invalid UTF-8 becomes U+FFFD.
/// Besides C0 controls and DEL, the C1 controls (U+0080-U+009F: U+009B is a one-character CSI
/// on some terminals) and the invisible characters that reorder or break what follows (bidi
/// embeddings, overrides, isolates and marks; the line and paragraph separators) show as
/// `\u009b`, `\u202e`: text could otherwise hide or reverse the words around it. Complete ANSI
/// CSI sequences (colored output's "\e[31m") are dropped: shown escaped they bury the words; a
/// lone ESC still shows as `\e`.
public enum TextSanitizer {
  public static func append(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    // Fast path: printable ASCII is copied as is.
    if isPlainASCII(bytes) {
      out.appendBytes(bytes)
      return
    }
    // One pass: valid UTF-8 copied, invalid subparts replaced, controls escaped.
    guard let base = bytes.baseAddress else { return }
    let end = bytes.count
    var i = 0
    while i < end {
      let byte = ByteScan.byte(base, i)
      guard byte >= 0x80 else {
        if byte == 0x1B, let length = EscapeSequence.csiLength(base, at: i, end: end) {
          i &+= length
          continue
        }
        appendVisible(byte, to: &out)
        i &+= 1
        continue
      }
      let length = UTF8Repair.sequenceLength(base, i, end)
      if length > 0 {
        if let scalar = invisibleScalar(base, i, length) {
          appendUnicodeEscape(scalar, to: &out)
        } else {
          out.appendBytes(UnsafeRawBufferPointer(start: base + i, count: length))
        }
        i &+= length
      } else {
        UTF8Repair.appendReplacement(to: &out)
        i &-= length
      }
    }
  }

  /// An ASCII byte, controls as visible escapes.
  @inline(__always)
  private static func appendVisible(_ byte: UInt8, to out: inout [UInt8]) {
    switch byte {
    case 0x09: out.appendBytes("\\t")
    case 0x0A: out.appendBytes("\\n")
    case 0x0D: out.appendBytes("\\r")
    case 0x1B: out.appendBytes("\\e")
    case 0..<0x20, 0x7F:
      out.appendBytes("\\x")
      out.append(JSONStringCodec.hexDigit(byte >> 4))
      out.append(JSONStringCodec.hexDigit(byte & 0xF))
    default: out.append(byte)
    }
  }

  /// The scalar of the valid `length`-byte sequence at `i` when it is one to escape (a C1
  /// control, a bidi control or a line or paragraph separator), else nil. Decided from the
  /// bytes: C2 80-9F, D8 9C (U+061C), E2 80 8E-8F/A8-AE, E2 81 A6-A9.
  @inline(__always)
  static func invisibleScalar(_ base: UnsafeRawPointer, _ i: Int, _ length: Int) -> UInt32? {
    let lead = ByteScan.byte(base, i)
    if length == 2 {
      let second = ByteScan.byte(base, i &+ 1)
      if lead == 0xC2, second <= 0x9F { return UInt32(second) }
      if lead == 0xD8, second == 0x9C { return 0x061C }
      return nil
    }
    guard length == 3, lead == 0xE2 else { return nil }
    let second = ByteScan.byte(base, i &+ 1)
    let third = ByteScan.byte(base, i &+ 2)
    let scalar = 0x2000 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
    switch scalar {
    case 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return scalar
    default: return nil
    }
  }

  /// `\u` and four lowercase hex digits, as JSON spells an escaped character.
  static func appendUnicodeEscape(_ scalar: UInt32, to out: inout [UInt8]) {
    out.appendBytes("\\u")
    for shift in stride(from: 12, through: 0, by: -4) {
      out.append(JSONStringCodec.hexDigit(UInt8(truncatingIfNeeded: scalar >> UInt32(shift)) & 0xF))
    }
  }

  /// Text of logview's own made safe the same way (errors, notices, status).
  public static func sanitized(_ text: String) -> String {
    var text = text
    var out: [UInt8] = []
    text.withUTF8 { append(UnsafeRawBufferPointer($0), to: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Like `append`, but keeps tabs: for continuation lines, whose indentation matters.
  public static func appendLine(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    var start = 0
    for (i, byte) in bytes.enumerated() where byte == 0x09 {
      append(UnsafeRawBufferPointer(rebasing: bytes[start..<i]), to: &out)
      out.append(0x09)
      start = i + 1
    }
    append(UnsafeRawBufferPointer(rebasing: bytes[start...]), to: &out)
  }

  @inline(__always)
  public static func isPlainASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var i = 0
    // Eight bytes at a time: any byte below 0x20, or at/above 0x7F, sets a high bit.
    while bytes.count &- i >= 8 {
      let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let low = (w &- 0x2020_2020_2020_2020) & ~w
      let high = (w &+ 0x0101_0101_0101_0101) | w
      if (low | high) & 0x8080_8080_8080_8080 != 0 { return false }
      i &+= 8
    }
    while i < bytes.count {
      let byte = base.load(fromByteOffset: i, as: UInt8.self)
      if byte &- 0x20 >= 0x5F { return false }
      i &+= 1
    }
    return true
  }

}
