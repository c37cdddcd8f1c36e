import LogviewCore

/// A `/` search: smart case (all-lowercase ignores ASCII case), matched on raw bytes.
public struct SearchTerm: Equatable, Sendable {
  public let text: String
  let needle: [UInt8]
  let ignoreCase: Bool

  public init?(_ text: String) {
    guard !text.isEmpty else { return nil }
    self.text = text
    ignoreCase = !text.contains { $0.isUppercase }
    needle = Array((ignoreCase ? text.lowercased() : text).utf8)
  }

  public func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
    firstRange(in: bytes) != nil
  }

  /// Byte range of the first occurrence.
  public func firstRange(in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
    guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
    if !ignoreCase {
      let found = needle.withUnsafeBytes { BytePattern.contains(bytes, $0) }
      guard found else { return nil }
    }
    let first = needle[0]
    var i = 0
    let last = bytes.count - needle.count
    while i <= last {
      if Self.fold(bytes[i], ignoreCase) == first {
        var k = 1
        while k < needle.count, Self.fold(bytes[i + k], ignoreCase) == needle[k] { k += 1 }
        if k == needle.count { return i..<(i + needle.count) }
      }
      i += 1
    }
    return nil
  }

  @inline(__always)
  static func fold(_ byte: UInt8, _ ignoreCase: Bool) -> UInt8 {
    ignoreCase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }
}
