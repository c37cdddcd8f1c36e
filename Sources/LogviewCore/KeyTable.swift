#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps top-level JSON keys to the normalization slots they may fill, without allocating per
/// lookup: open addressing over FNV-1a hashes of the key bytes.
struct KeyTable {
  /// What a matching top-level key contributes: a slot, and the rest of the path below it.
  struct Hit {
    var slot: Int
    var rest: [[UInt8]]
  }

  private var keys: [[UInt8]] = []
  private var hits: [[Hit]] = []
  private var buckets: [Int32] = []
  private var mask = 0

  /// `paths[slot]` is the dotted path of that slot.
  init(paths: [String]) {
    var index: [[UInt8]: Int] = [:]
    for (slot, path) in paths.enumerated() {
      let components = path.split(separator: ".", omittingEmptySubsequences: false).map {
        Array($0.utf8)
      }
      // "a.b.c" is reachable as the flat key "a.b.c", as "a.b" -> "c" and as "a" -> "b.c".
      for prefixLength in stride(from: components.count, through: 1, by: -1) {
        let key = Array(components[0..<prefixLength].joined(separator: [UInt8(ascii: ".")]))
        let hit = Hit(slot: slot, rest: Array(components[prefixLength...]))
        if let existing = index[key] {
          hits[existing].append(hit)
        } else {
          index[key] = keys.count
          keys.append(key)
          hits.append([hit])
        }
      }
    }
    var size = 16
    while size < keys.count * 4 { size <<= 1 }
    mask = size - 1
    buckets = Array(repeating: -1, count: size)
    for (i, key) in keys.enumerated() {
      key.withUnsafeBytes { bytes in
        var b = Int(truncatingIfNeeded: KeyTable.hash(bytes)) & mask
        while buckets[b] >= 0 { b = (b + 1) & mask }
        buckets[b] = Int32(i)
      }
    }
  }

  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return h
  }

  /// The hits for a key, or nil when no normalized field uses it.
  func lookup(_ key: UnsafeRawBufferPointer) -> [Hit]? {
    var b = Int(truncatingIfNeeded: KeyTable.hash(key)) & mask
    while true {
      let i = Int(buckets[b])
      if i < 0 { return nil }
      let candidate = keys[i]
      if candidate.count == key.count {
        let equal = candidate.withUnsafeBytes { c in
          key.count == 0 || memcmp(c.baseAddress!, key.baseAddress!, key.count) == 0
        }
        if equal { return hits[i] }
      }
      b = (b + 1) & mask
    }
  }
}
