import CByteScan
import Glibc

/// The one substring search of the project: filter words and phrases, `field~text`, the
/// prefilters of regexes and verbatim values, `/` search and its highlight all use it, so
/// they always agree on what matches.
///
/// A search is exact or ignores case; case folding is ASCII only (so "école" never matches
/// "ÉCOLE": deciding that needs Unicode tables per byte). Smart case, what people type:
/// all-lowercase text ignores case, any uppercase letter makes the search exact.
/// Searching allocates nothing, so it runs per record on the hot path.
///
/// The needle's bytes live in storage the search owns and are read through a plain pointer,
/// and the search inlines into its callers: the scanning threads share one filter, and a
/// call that retained the needle array made them contend for its reference count on every
/// record (the explorer's re-filter was 35-50% slower for it).
public struct SubstringSearch: Sendable, Equatable {
  /// The needle, lowercased (ASCII) when the search ignores case.
  public let needle: [UInt8]
  public let ignoresCase: Bool
  @usableFromInline let storage: NeedleStorage

  public init(_ text: String, ignoringCase: Bool) {
    self.init(Array(text.utf8), ignoringCase: ignoringCase)
  }

  public init(_ bytes: [UInt8], ignoringCase: Bool) {
    needle = ignoringCase ? bytes.map(ASCIIKind.lower) : bytes
    ignoresCase = ignoringCase
    storage = NeedleStorage(needle)
  }

  public static func == (a: SubstringSearch, b: SubstringSearch) -> Bool {
    a.needle == b.needle && a.ignoresCase == b.ignoresCase
  }

  /// Smart case: exact as soon as the text holds an uppercase letter.
  public init(smartCase text: String) {
    // ASCII text is decided by its bytes: `Character.isUppercase` makes an uppercased and a
    // lowercased copy of each character, most of a long filter's compile time.
    let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    let hasUpper =
      isASCII
      ? text.utf8.contains { $0 &- UInt8(ascii: "A") < 26 } : text.contains(where: \.isUppercase)
    self.init(text, ignoringCase: !hasUpper)
  }

  public var isEmpty: Bool { needle.isEmpty }

  /// True when the needle occurs in `haystack` (an empty needle always does).
  @inlinable @inline(__always)
  public func occurs(in haystack: UnsafeRawBufferPointer) -> Bool {
    firstIndex(in: haystack, from: 0) != nil
  }

  /// The first occurrence at or after `from`.
  @inlinable
  public func firstRange(in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Range<Int>? {
    firstIndex(in: haystack, from: from).map { $0..<($0 + needle.count) }
  }

  /// Every occurrence, left to right, not overlapping (what a highlight marks).
  public func ranges(in haystack: UnsafeRawBufferPointer) -> [Range<Int>] {
    guard !needle.isEmpty else { return [] }
    var found: [Range<Int>] = []
    var from = 0
    while let range = firstRange(in: haystack, from: from) {
      found.append(range)
      from = range.upperBound
    }
    return found
  }

  /// Hands the search only plain values (the needle's pointer), so a call that is not
  /// inlined retains nothing.
  @inlinable @inline(__always)
  func firstIndex(in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
    Self.firstIndex(of: storage.bytes, ignoringCase: ignoresCase, in: haystack, from: from)
  }

  /// Index of the first occurrence at or after `from`: glibc's memmem over long exact
  /// stretches; otherwise memchr (SIMD in libc) finds candidates for the first byte, in both
  /// cases when folding, and the rest is compared. (memmem comes through CByteScan: Swift's
  /// Glibc module does not export it.)
  @inlinable
  static func firstIndex(
    of n: UnsafeRawBufferPointer, ignoringCase: Bool, in haystack: UnsafeRawBufferPointer,
    from: Int
  ) -> Int? {
    let count = n.count
    guard count > 0 else { return from <= haystack.count ? from : nil }
    guard from >= 0, haystack.count - from >= count, let h = haystack.baseAddress else {
      return nil
    }
    // Long stretches (a whole file's pieces): glibc's memmem, several times faster than
    // memchr on a common first byte; its setup does not pay for a record's few bytes.
    if !ignoringCase, haystack.count - from >= 4096, count >= 2 {
      guard let hit = lv_memmem(h + from, haystack.count - from, n.baseAddress, count) else {
        return nil
      }
      return h.distance(to: hit)
    }
    // Two copies of the loop, each with its comparison fixed.
    return ignoringCase
      ? search(h, haystack.count, n, from: from, ignoringCase: true)
      : search(h, haystack.count, n, from: from, ignoringCase: false)
  }

  /// Candidates come from memchr on the first byte (on both its cases when folding: each
  /// cursor only moves forward, so this stays linear in practice); the rest is compared.
  @inlinable @inline(__always)
  static func search(
    _ h: UnsafeRawPointer, _ length: Int, _ n: UnsafeRawBufferPointer, from: Int,
    ignoringCase: Bool
  ) -> Int? {
    let count = n.count
    let lastStart = length - count
    let first = n[0]
    let upper = ignoringCase && first &- UInt8(ascii: "a") < 26 ? first & ~0x20 : first
    let none = Int.max
    var nextLower = -1
    var nextUpper = first == upper ? none : -1
    var i = from
    while i <= lastStart {
      if nextLower < i { nextLower = find(first, h, from: i, through: lastStart) ?? none }
      if nextUpper < i { nextUpper = find(upper, h, from: i, through: lastStart) ?? none }
      let candidate = min(nextLower, nextUpper)
      if candidate == none { return nil }
      if ignoringCase {
        var k = 1
        while k < count,
          ASCIIKind.lower(h.load(fromByteOffset: candidate + k, as: UInt8.self)) == n[k]
        {
          k += 1
        }
        if k == count { return candidate }
      } else if count == 1 || memcmp(h + candidate + 1, n.baseAddress! + 1, count - 1) == 0 {
        return candidate
      }
      i = candidate + 1
    }
    return nil
  }

  @inlinable @inline(__always)
  static func find(_ byte: UInt8, _ base: UnsafeRawPointer, from: Int, through: Int)
    -> Int?
  {
    guard let p = memchr(base + from, Int32(byte), through - from + 1) else { return nil }
    return base.distance(to: UnsafeRawPointer(p))
  }
}

/// A needle's bytes in memory of their own (immutable), freed with the last search using them.
@usableFromInline
final class NeedleStorage: @unchecked Sendable {
  private let memory: UnsafeMutableRawBufferPointer
  @usableFromInline let bytes: UnsafeRawBufferPointer

  init(_ needle: [UInt8]) {
    memory = .allocate(byteCount: max(1, needle.count), alignment: 1)
    memory.copyBytes(from: needle)
    bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(memory)[0..<needle.count])
  }

  deinit { memory.deallocate() }
}
