/// Makes log text safe to print on a terminal: control characters (escape sequences a log line
/// could use to rewrite the screen) become visible escapes, invalid UTF-8 becomes U+FFFD.
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
        appendVisible(byte, to: &out)
        i &+= 1
        continue
      }
      let length = UTF8Repair.sequenceLength(base, i, end)
      if length > 0 {
        out.appendBytes(UnsafeRawBufferPointer(start: base + i, count: length))
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
