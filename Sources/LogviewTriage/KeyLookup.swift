import Glibc

/// A fixed set of keys looked up by a record's key bytes: keys bucketed by length, compared
/// first byte then memcmp. Per-record code on all cores: the keys live in one buffer made
/// once and never freed (lookups are static), read through plain pointers, so a lookup
/// retains nothing the threads share.
struct KeyLookup: @unchecked Sendable {
  /// Every key's bytes, bucket after bucket (the keys of one length together).
  private let pool: UnsafeMutablePointer<UInt8>
  /// For each length, where its keys start in `pool`, how many there are, and the slot of
  /// the first in `indices`.
  private let buckets: UnsafeMutablePointer<(start: Int, count: Int, slot: Int)>
  /// The index each key had in the keys given, in `pool`'s order.
  private let indices: UnsafeMutablePointer<Int>
  private let maxLength: Int

  init(_ keys: [[UInt8]]) {
    maxLength = keys.map(\.count).max() ?? 0
    pool = .allocate(capacity: max(1, keys.reduce(0) { $0 + $1.count }))
    buckets = .allocate(capacity: maxLength + 1)
    indices = .allocate(capacity: max(1, keys.count))
    var offset = 0
    var slot = 0
    for length in 0...maxLength {
      buckets[length] = (offset, 0, slot)
      for (index, key) in keys.enumerated() where key.count == length {
        for (i, byte) in key.enumerated() { pool[offset + i] = byte }
        offset += length
        indices[slot] = index
        slot += 1
        buckets[length].count += 1
      }
    }
  }

  /// The index of `key` in the keys given, or nil.
  @inline(__always)
  func index(of key: UnsafeRawBufferPointer) -> Int? {
    let length = key.count
    guard length > 0, length <= maxLength, let base = key.baseAddress else { return nil }
    let bucket = buckets[length]
    let first = base.load(as: UInt8.self)
    for k in 0..<bucket.count {
      let candidate = pool + bucket.start + k * length
      if candidate.pointee == first, memcmp(candidate, base, length) == 0 {
        return indices[bucket.slot + k]
      }
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
