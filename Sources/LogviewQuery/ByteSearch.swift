import Glibc

/// A substring to look for in record bytes: exact, or ASCII case-insensitive.
/// Searching never allocates, so it can run per record on the hot path.
struct ByteSearch: Sendable, Equatable {
  /// The needle; lowercased (ASCII) when `caseInsensitive`.
  let needle: [UInt8]
  let caseInsensitive: Bool

  init(_ text: String, caseInsensitive: Bool) {
    let bytes = Array(text.utf8)
    self.needle = caseInsensitive ? bytes.map(Self.lower) : bytes
    self.caseInsensitive = caseInsensitive
  }

  /// Smart case: all-lowercase text ignores ASCII case; any uppercase letter makes it exact.
  static func smartCase(_ text: String) -> ByteSearch {
    ByteSearch(text, caseInsensitive: !text.contains { $0.isUppercase })
  }

  func occurs(in haystack: UnsafeRawBufferPointer) -> Bool {
    needle.withUnsafeBytes { n in
      caseInsensitive ? Self.containsFolded(haystack, n) : Self.contains(haystack, n)
    }
  }

  // MARK: - Search

  @inline(__always)
  static func lower(_ b: UInt8) -> UInt8 { b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b }

  /// Exact search: memchr (SIMD in libc) finds candidates for the first byte, memcmp checks
  /// the rest. (memmem is not exported by Swift's Glibc module.)
  static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer)
    -> Bool
  {
    let count = needle.count
    guard count > 0 else { return true }
    guard haystack.count >= count, let h = haystack.baseAddress, let n = needle.baseAddress
    else { return false }
    let lastStart = haystack.count - count
    let first = needle[0]
    var i = 0
    while i <= lastStart {
      guard let candidate = find(first, h, from: i, through: lastStart) else { return false }
      if count == 1 || memcmp(h + candidate + 1, n + 1, count - 1) == 0 { return true }
      i = candidate + 1
    }
    return false
  }

  /// ASCII case-insensitive search for a lowercased needle. Candidates come from memchr on
  /// both cases of the first byte (each cursor only moves forward, so this stays linear in
  /// practice); the rest is compared with folding.
  static func containsFolded(
    _ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer
  ) -> Bool {
    let count = needle.count
    guard count > 0 else { return true }
    guard haystack.count >= count, let h = haystack.baseAddress else { return false }
    let lastStart = haystack.count - count
    let first = needle[0]
    let upper = first &- UInt8(ascii: "a") < 26 ? first & ~0x20 : first
    let none = Int.max
    var nextLower = -1
    var nextUpper = first == upper ? none : -1
    var i = 0
    while i <= lastStart {
      if nextLower < i { nextLower = find(first, h, from: i, through: lastStart) ?? none }
      if nextUpper < i { nextUpper = find(upper, h, from: i, through: lastStart) ?? none }
      let candidate = min(nextLower, nextUpper)
      if candidate == none { return false }
      if tailMatches(haystack, at: candidate, needle) { return true }
      i = candidate + 1
    }
    return false
  }

  @inline(__always)
  private static func find(_ byte: UInt8, _ base: UnsafeRawPointer, from: Int, through: Int)
    -> Int?
  {
    guard let p = memchr(base + from, Int32(byte), through - from + 1) else { return nil }
    return base.distance(to: UnsafeRawPointer(p))
  }

  @inline(__always)
  private static func tailMatches(
    _ haystack: UnsafeRawBufferPointer, at start: Int, _ needle: UnsafeRawBufferPointer
  ) -> Bool {
    var k = 1
    while k < needle.count {
      if lower(haystack[start + k]) != needle[k] { return false }
      k += 1
    }
    return true
  }

  /// True when every byte is ASCII (8 bytes at a time).
  static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
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
}
