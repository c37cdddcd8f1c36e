import CByteScan
import Glibc

/// Byte-level scanning shared by the JSON scanner, the value accessors and the splitters.
/// The internal helpers take a base pointer plus explicit bounds and never read outside
/// `from..<end`. (Substring search is SubstringSearch.)
public enum ByteScan {
  static let lows: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  @inline(__always)
  static func byte(_ base: UnsafeRawPointer, _ i: Int) -> UInt8 {
    base.load(fromByteOffset: i, as: UInt8.self)
  }

  /// Eight bytes at `i`, first byte in the low bits on every platform.
  @inline(__always)
  static func word(_ base: UnsafeRawPointer, _ i: Int) -> UInt64 {
    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
  }

  /// High bit set in each byte of `w` that equals `b` (exact for the lowest hit only,
  /// which is all callers use).
  @inline(__always)
  static func zeroBytes(_ w: UInt64, equalTo b: UInt64) -> UInt64 {
    let x = w ^ (b &* lows)
    return (x &- lows) & ~x & highs
  }

  /// Index of the first `byte` in `from..<end`, or `end`.
  @inline(__always)
  static func index(of byte: UInt8, in base: UnsafeRawPointer, from: Int, end: Int) -> Int {
    guard from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return end }
    return UnsafeRawPointer(hit) - base
  }

  /// Index of the first '"' or '\\' in `from..<end`, or `end`; sixteen bytes at a time
  /// (SSE2) because string contents are most of a log line.
  @inline(__always)
  static func quoteOrBackslash(in base: UnsafeRawPointer, from: Int, end: Int) -> Int {
    lv_quote_or_backslash(base.assumingMemoryBound(to: UInt8.self), from, end)
  }

  /// Byte-wise equality of two ranges.
  @inline(__always)
  static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
    return memcmp(pa, pb, a.count) == 0
  }

  /// Index of the last `byte` in `bytes`, or nil. (memrchr is not exported by Swift's Glibc.)
  public static func lastIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int? {
    var i = bytes.count - 1
    while i >= 0 {
      if bytes[i] == byte { return i }
      i -= 1
    }
    return nil
  }

  /// True when every byte is ASCII (8 bytes at a time).
  public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    var i = 0
    while i + 8 <= count {
      if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      i += 8
    }
    while i < count {
      if bytes[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }

  /// Index of the first `byte` in `bytes[range]`, or nil.
  public static func firstIndex(
    of byte: UInt8, in bytes: UnsafeRawBufferPointer, _ range: Range<Int>
  ) -> Int? {
    guard let base = bytes.baseAddress, !range.isEmpty else { return nil }
    let at = index(of: byte, in: base, from: range.lowerBound, end: range.upperBound)
    return at < range.upperBound ? at : nil
  }
}
