import Glibc

/// Maps top-level JSON keys to the normalization slots they may fill, without allocating or
/// retaining per lookup: keys bucketed by first byte and length, in one flat byte pool.
/// A class, immutable once built: normalizers share it without copying its arrays.
final class KeyTable: @unchecked Sendable {
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
  /// For each (first byte, length up to 31): the field bits of keys of that shape, so most
  /// keys a caller does not need are rejected with one load.
  let shapes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256 * 32)
  /// Keys grouped by shape: `shapeKeys[shapeStart[shape]..<shapeStart[shape + 1]]`; a key is
  /// then found by comparing bytes with the few keys of its shape, no hashing.
  private var shapeStart = [Int32](repeating: 0, count: 256 * 32 + 1)
  private var shapeKeys: [Int32] = []

  /// `paths[slot]` is the dotted path of that slot; `fieldBits[slot]` the bit of its field.
  init(paths: [String], fieldBits: [UInt8]) {
    shapes.initialize(repeating: 0, count: 256 * 32)
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
    groupByShape(order)
  }

  /// Fills shapeStart and shapeKeys by counting (keys keep their order within a shape): an
  /// array per shape cost 8,192 allocations on every start.
  private func groupByShape(_ keys: [[UInt8]]) {
    for key in keys {
      guard let first = key.first else { continue }
      shapeStart[Self.shape(first, key.count) + 1] += 1
    }
    for shape in 0..<(256 * 32) { shapeStart[shape + 1] += shapeStart[shape] }
    var next = shapeStart
    shapeKeys = [Int32](repeating: 0, count: Int(shapeStart[256 * 32]))
    for (i, key) in keys.enumerated() {
      guard let first = key.first else { continue }
      let shape = Self.shape(first, key.count)
      shapeKeys[Int(next[shape])] = Int32(i)
      next[shape] += 1
    }
  }

  deinit { shapes.deallocate() }

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
    let shape = Self.shape(first, key.count)
    return pool.withUnsafeBytes { pool -> Range<Int>? in
      var k = Int(shapeStart[shape])
      let end = Int(shapeStart[shape + 1])
      while k < end {
        let i = Int(shapeKeys[k])
        if Int(keyLength[i]) == key.count
          && memcmp(pool.baseAddress! + Int(keyStart[i]), key.baseAddress!, key.count) == 0
        {
          let start = Int(hitStart[i])
          return start..<(start + Int(hitCount[i]))
        }
        k += 1
      }
      return nil
    }
  }
}
