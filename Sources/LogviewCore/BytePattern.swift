import Glibc

/// Public byte searches for the layers above (glibc's memmem/memrchr are not importable).
public enum BytePattern {
  /// True when `needle` occurs in `haystack` (an empty needle always does).
  public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer)
    -> Bool
  {
    guard let needleBase = needle.baseAddress, !needle.isEmpty else { return true }
    guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
    let first = Int32(needle[0])
    let lastStart = haystack.count - needle.count
    var i = 0
    while i <= lastStart {
      guard let hit = memchr(base + i, first, lastStart - i + 1) else { return false }
      let at = UnsafeRawPointer(hit) - base
      if memcmp(base + at, needleBase, needle.count) == 0 { return true }
      i = at + 1
    }
    return false
  }

  /// Index of the last `byte` in `bytes`, or nil.
  public static func lastIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int? {
    var i = bytes.count - 1
    while i >= 0 {
      if bytes[i] == byte { return i }
      i -= 1
    }
    return nil
  }
}
