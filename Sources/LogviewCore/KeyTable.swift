import Glibc

/// Maps top-level JSON keys to the normalization slots they may fill, without allocating or
/// retaining per lookup: keys bucketed by first byte and length, in one flat byte pool.
/// A class, immutable once built: normalizers share it without copying its arrays.
final class KeyTable: @unchecked Sendable {
  /// Extra slots past the field slots: keys that mark a Docker json-file envelope.
  static let dockerLogKey = "log"
  static let dockerStreamKey = "stream"

  /// Lookups read only these buffers, allocated once and never resized: unlike arrays held
  /// by a class, reading them can never retain (an atomic on memory that every core shares,
  /// for every key of every record).
  private let pool: UnsafeBufferPointer<UInt8>
  private let keyStart: UnsafeBufferPointer<Int32>
  private let keyLength: UnsafeBufferPointer<Int32>
  private let hitStart: UnsafeBufferPointer<Int32>
  private let hitCount: UnsafeBufferPointer<Int32>
  /// Flattened hits: the slot, and the rest of the path below the key (empty for a direct hit).
  let hitSlot: UnsafeBufferPointer<Int32>
  let hitIsDirect: UnsafeBufferPointer<Bool>
  /// Read only for nested paths, off the common path.
  let hitRest: [[[UInt8]]]
  /// For each (first byte, length up to 31): the field bits of keys of that shape, so most
  /// keys a caller does not need are rejected with one load.
  let shapes: UnsafeBufferPointer<UInt8>
  /// Keys grouped by shape: `shapeKeys[shapeStart[shape]..<shapeStart[shape + 1]]`; a key is
  /// then found by comparing bytes with the few keys of its shape, no hashing.
  private let shapeStart: UnsafeBufferPointer<Int32>
  private let shapeKeys: UnsafeBufferPointer<Int32>

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
    var builder = Builder()
    for key in order { builder.add(key, hits: grouped[key] ?? [], fieldBits: fieldBits) }
    let (shapeStart, shapeKeys) = Self.groupByShape(order)
    pool = Self.frozen(builder.pool)
    keyStart = Self.frozen(builder.keyStart)
    keyLength = Self.frozen(builder.keyLength)
    hitStart = Self.frozen(builder.hitStart)
    hitCount = Self.frozen(builder.hitCount)
    hitSlot = Self.frozen(builder.hitSlot)
    hitIsDirect = Self.frozen(builder.hitIsDirect)
    hitRest = builder.hitRest
    shapes = Self.frozen(builder.shapes)
    self.shapeStart = Self.frozen(shapeStart)
    self.shapeKeys = Self.frozen(shapeKeys)
  }

  /// The flat arrays, filled key by key.
  private struct Builder {
    var pool: [UInt8] = []
    var keyStart: [Int32] = []
    var keyLength: [Int32] = []
    var hitStart: [Int32] = []
    var hitCount: [Int32] = []
    var hitSlot: [Int32] = []
    var hitRest: [[[UInt8]]] = []
    var hitIsDirect: [Bool] = []
    var shapes = [UInt8](repeating: 0, count: 256 * 32)

    mutating func add(_ key: [UInt8], hits: [(slot: Int, rest: [[UInt8]])], fieldBits: [UInt8]) {
      let bits = hits.reduce(UInt8(0)) { $0 | fieldBits[$1.slot] }
      if let first = key.first { shapes[KeyTable.shape(first, key.count)] |= bits }
      keyStart.append(Int32(pool.count))
      keyLength.append(Int32(key.count))
      pool += key
      hitStart.append(Int32(hitSlot.count))
      hitCount.append(Int32(hits.count))
      for hit in hits {
        hitSlot.append(Int32(hit.slot))
        hitRest.append(hit.rest)
        hitIsDirect.append(hit.rest.isEmpty)
      }
    }
  }

  /// Shape starts and keys grouped by shape, by counting (keys keep their order within a
  /// shape): an array per shape cost 8,192 allocations on every start.
  private static func groupByShape(_ keys: [[UInt8]]) -> (starts: [Int32], keys: [Int32]) {
    var starts = [Int32](repeating: 0, count: 256 * 32 + 1)
    for key in keys {
      guard let first = key.first else { continue }
      starts[shape(first, key.count) + 1] += 1
    }
    for shape in 0..<(256 * 32) { starts[shape + 1] += starts[shape] }
    var next = starts
    var grouped = [Int32](repeating: 0, count: Int(starts[256 * 32]))
    for (i, key) in keys.enumerated() {
      guard let first = key.first else { continue }
      let shape = shape(first, key.count)
      grouped[Int(next[shape])] = Int32(i)
      next[shape] += 1
    }
    return (starts, grouped)
  }

  private static func frozen<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
    _ = buffer.initialize(from: array)
    return UnsafeBufferPointer(rebasing: buffer[0..<array.count])
  }

  deinit {
    for buffer in [keyStart, keyLength, hitStart, hitCount, hitSlot, shapeStart, shapeKeys] {
      buffer.deallocate()
    }
    pool.deallocate()
    hitIsDirect.deallocate()
    shapes.deallocate()
  }

  @inline(__always)
  static func shape(_ first: UInt8, _ length: Int) -> Int {
    Int(first) << 5 | min(length, 31)
  }

  /// The indices of the hits for a key (into hitSlot/hitRest), or nil when no field in
  /// `fields` (a mask of field bits) uses it.
  @inline(__always)
  func lookup(_ key: UnsafeRawBufferPointer, fields: UInt8 = 0xFF) -> Range<Int>? {
    guard let first = key.first else { return nil }
    let shape = Self.shape(first, key.count)
    guard shapes[shape] & fields != 0, let pool = pool.baseAddress, let keyBase = key.baseAddress
    else { return nil }
    var k = Int(shapeStart[shape])
    let end = Int(shapeStart[shape + 1])
    while k < end {
      let i = Int(shapeKeys[k])
      if Int(keyLength[i]) == key.count
        && memcmp(pool + Int(keyStart[i]), keyBase, key.count) == 0
      {
        let start = Int(hitStart[i])
        return start..<(start + Int(hitCount[i]))
      }
      k += 1
    }
    return nil
  }
}
