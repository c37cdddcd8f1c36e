/// ANSI control sequences (CSI: ESC "[" parameters, intermediates, a final byte) as colored
/// output writes them ("\e[31m", "\e[1;33m", "\e[0m"): skipped to recognize a line and dropped
/// from what is shown.
enum EscapeSequence {
  /// The length of the complete CSI sequence at `i` (an ESC), or nil when there is none.
  @inline(__always)
  static func csiLength(_ base: UnsafeRawPointer, at i: Int, end: Int) -> Int? {
    guard i &+ 2 < end, ByteScan.byte(base, i &+ 1) == UInt8(ascii: "[") else { return nil }
    var k = i &+ 2
    while k < end, ByteScan.byte(base, k) &- 0x30 < 0x10 { k &+= 1 }  // parameters 0x30-0x3F
    while k < end, ByteScan.byte(base, k) &- 0x20 < 0x10 { k &+= 1 }  // intermediates 0x20-0x2F
    guard k < end, ByteScan.byte(base, k) &- 0x40 < 0x3F else { return nil }  // final 0x40-0x7E
    return k &+ 1 &- i
  }

  /// `body` with `bytes` less their complete CSI sequences, copied to a temporary buffer (on
  /// the stack when small); callers look for an ESC first, so lines without one are not copied.
  static func withoutCSI<R>(
    _ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    guard let base = bytes.baseAddress else { return body(bytes) }
    return withUnsafeTemporaryAllocation(byteCount: bytes.count, alignment: 1) { out in
      var written = 0
      var i = 0
      while i < bytes.count {
        if ByteScan.byte(base, i) == 0x1B, let length = csiLength(base, at: i, end: bytes.count) {
          i &+= length
          continue
        }
        out[written] = ByteScan.byte(base, i)
        written &+= 1
        i &+= 1
      }
      return body(UnsafeRawBufferPointer(rebasing: out[0..<written]))
    }
  }
}
