import Glibc

/// Counting bytes in bulk: line numbers of pieces, record spans.
public enum ByteCount {
  /// Newlines in `bytes`, found with memchr (SIMD in libc).
  public static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
    guard var cursor = bytes.baseAddress else { return 0 }
    let end = cursor + bytes.count
    var count = 0
    while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
      count += 1
      cursor = UnsafeRawPointer(found) + 1
    }
    return count
  }

  /// Newlines in `bytes[range]`.
  public static func newlines(in bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
    newlines(in: UnsafeRawBufferPointer(rebasing: bytes[range]))
  }
}
