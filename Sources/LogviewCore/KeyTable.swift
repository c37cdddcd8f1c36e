#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps top-level JSON keys to the normalization slots they may fill, without allocating or
/// retaining per lookup: open addressing over FNV-1a hashes, keys in one flat byte pool.
struct KeyTable {
  /// Extra slots past the field slots: keys that mark a Docker json-file envelope.
  static let dockerLogKey = "log"
  static let dockerStreamKey = "stream"

  private var pool: [UInt8] = []
  private var keyStart: [Int32] = []
  private var keyLength: [Int32] = []
  private var hitStart: [Int32] = []
  private var hitCount: [Int32] = []
  /// Flattened hits: the slot, and the rest of the path below the key (empty for a direct hit).
  private(set) var hitSlot: [Int32] = []
  private(set) var hitRest: [[[UInt8]]] = []
  private(set) var hitIsDirect: [Bool] = []
  private var buckets: [Int32] = []
  private var mask = 0
  /// For each (first byte, length up to 31): the field bits of keys of that shape, so most
  /// keys a caller does not need are rejected without hashing.
  private var shapes = [UInt8](repeating: 0, count: 256 * 32)

  /// `paths[slot]` is the dotted path of that slot; `fieldBits[slot]` the bit of its field.
  init(paths: [String], fieldBits: [UInt8]) {
    var grouped: [[UInt8]: [(slot: Int, rest: [[UInt8]])]] = [:]
    var order: [[UInt8]] = []
    for (slot, path) in paths.enumerated() {
      let components = path.split(separator: ".", omittingEmptySubsequences: false).map {
        Array($0.utf8)
      }
      // "a.b.c" is reachable as the flat key "a.b.c", as "a.b" -> "c" and as "a" -> "b.c".
      for prefixLength in stride(from: components.count, through: 1, by: -1) {
        let key = Array(components[0..<prefixLength].joined(separator: [UInt8(ascii: ".")]))
        if grouped[key] == nil { order.append(key) }
        grouped[key, default: []].append((slot, Array(components[prefixLength...])))
      }
    }
    for key in order {
      let bits = (grouped[key] ?? []).reduce(UInt8(0)) { $0 | fieldBits[$1.slot] }
      if let first = key.first { shapes[Self.shape(first, key.count)] |= bits }
      keyStart.append(Int32(pool.count))
      keyLength.append(Int32(key.count))
      pool += key
      let hits = grouped[key] ?? []
      hitStart.append(Int32(hitSlot.count))
      hitCount.append(Int32(hits.count))
      for hit in hits {
        hitSlot.append(Int32(hit.slot))
        hitRest.append(hit.rest)
        hitIsDirect.append(hit.rest.isEmpty)
      }
    }
    var size = 16
    while size < order.count * 4 { size <<= 1 }
    mask = size - 1
    buckets = Array(repeating: -1, count: size)
    for (i, key) in order.enumerated() {
      key.withUnsafeBytes { bytes in
        var b = Int(truncatingIfNeeded: KeyTable.hash(bytes)) & mask
        while buckets[b] >= 0 { b = (b + 1) & mask }
        buckets[b] = Int32(i)
      }
    }
  }

  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return h
  }

  @inline(__always)
  static func shape(_ first: UInt8, _ length: Int) -> Int {
    Int(first) << 5 | min(length, 31)
  }

  /// The indices of the hits for a key (into hitSlot/hitRest), or nil when no field in
  /// `fields` (a mask of field bits) uses it.
  func lookup(_ key: UnsafeRawBufferPointer, fields: UInt8 = 0xFF) -> Range<Int>? {
    guard let first = key.first, shapes[Self.shape(first, key.count)] & fields != 0 else {
      return nil
    }
    var b = Int(truncatingIfNeeded: KeyTable.hash(key)) & mask
    return pool.withUnsafeBytes { pool -> Range<Int>? in
      while true {
        let i = Int(buckets[b])
        if i < 0 { return nil }
        if Int(keyLength[i]) == key.count
          && (key.count == 0
            || memcmp(pool.baseAddress! + Int(keyStart[i]), key.baseAddress!, key.count) == 0)
        {
          let start = Int(hitStart[i])
          return start..<(start + Int(hitCount[i]))
        }
        b = (b + 1) & mask
      }
    }
  }
}
