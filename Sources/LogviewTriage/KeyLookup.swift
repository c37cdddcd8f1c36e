import Glibc

/// A fixed set of keys looked up by a record's key bytes: keys bucketed by length, compared
/// with memcmp (a record's keys are looked up one by one, so this is per-record code).
struct KeyLookup: Sendable {
  private let keys: [[UInt8]]
  private let byLength: [[Int]]

  init(_ keys: [[UInt8]]) {
    self.keys = keys
    var table = [[Int]](repeating: [], count: (keys.map(\.count).max() ?? 0) + 1)
    for (index, key) in keys.enumerated() { table[key.count].append(index) }
    byLength = table
  }

  /// The index of `key` in the keys given, or nil.
  @inline(__always)
  func index(of key: UnsafeRawBufferPointer) -> Int? {
    guard key.count < byLength.count, let base = key.baseAddress else { return nil }
    for index in byLength[key.count] {
      let found = keys[index].withUnsafeBytes { memcmp($0.baseAddress!, base, key.count) == 0 }
      if found { return index }
    }
    return nil
  }

  /// Byte-wise equality.
  @inline(__always)
  static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
    return memcmp(pa, pb, a.count) == 0
  }
}
