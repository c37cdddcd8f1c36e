import Glibc

/// Maps top-level JSON keys to the normalization slots they may fill, without allocating or
/// retaining per lookup: keys bucketed by first byte and length, in one flat byte pool.
/// A class, immutable once built: normalizers share it without copying its arrays.
final class KeyTable: @unchecked Sendable {
  /// Extra slots past the field slots: keys that mark a Docker json-file envelope.
  static let dockerLogKey = "log"
  static let dockerStreamKey = "stream"
  /// An Elasticsearch/OpenSearch hit saved whole: the document is under `_source`.
  static let searchSourceKey = "_source"
  /// Fluent Bit's Kubernetes metadata beside the `log` line.
  static let kubernetesKey = "kubernetes"

  /// Lookups read only these buffers, allocated once and never resized: unlike arrays held
  /// by a class, reading them can never retain (an atomic on memory that every core shares,
  /// for every key of every record).
  private let pool: UnsafeBufferPointer<UInt8>
  private let keyStart: UnsafeBufferPointer<Int32>
  private let keyLength: UnsafeBufferPointer<Int32>
  private let hitStart: UnsafeBufferPointer<Int32>
  private let hitCount: UnsafeBufferPointer<Int32>
  /// Flattened hits: the slot, and where the rest of the path below the key lies in the pool
  /// (a direct hit has none).
  let hitSlot: UnsafeBufferPointer<Int32>
  let hitIsDirect: UnsafeBufferPointer<Bool>
  private let hitRestStart: UnsafeBufferPointer<Int32>
  private let hitRestEnd: UnsafeBufferPointer<Int32>
  /// For each (first byte, length up to 31): the field bits of keys of that shape, so most
  /// keys a caller does not need are rejected with one load.
  let shapes: UnsafeBufferPointer<UInt8>
  /// Keys grouped by shape: `shapeKeys[shapeStart[shape]..<shapeStart[shape + 1]]`; a key is
  /// then found by comparing bytes with the few keys of its shape, no hashing.
  private let shapeStart: UnsafeBufferPointer<Int32>
  private let shapeKeys: UnsafeBufferPointer<Int32>

  /// `paths[slot]` is the dotted path of that slot; `fieldBits[slot]` the bit of its field.
  init(paths: [String], fieldBits: [UInt8]) {
    var builder = Builder()
    for (slot, path) in paths.enumerated() { builder.add(path, slot: slot) }
    builder.finishShapes(fieldBits: fieldBits)
    let (shapeStart, shapeKeys) = Self.groupByShape(builder)
    pool = Self.frozen(builder.pool)
    keyStart = Self.frozen(builder.keyStart)
    keyLength = Self.frozen(builder.keyLength)
    hitStart = Self.frozen(builder.hitStart)
    hitCount = Self.frozen(builder.hitCount)
    hitSlot = Self.frozen(builder.hitSlot)
    hitIsDirect = Self.frozen(builder.hitIsDirect)
    hitRestStart = Self.frozen(builder.hitRestStart)
    hitRestEnd = Self.frozen(builder.hitRestEnd)
    shapes = Self.frozen(builder.shapes)
    self.shapeStart = Self.frozen(shapeStart)
    self.shapeKeys = Self.frozen(shapeKeys)
  }

  /// The flat arrays. Each path's bytes go into the pool once; "a.b.c" is reachable as the
  /// flat key "a.b.c", as "a.b" -> "c" and as "a" -> "b.c", so each of its prefixes is a key
  /// pointing into those bytes. Prefixes are told apart by (the key one component shorter,
  /// the last component), so a path of many components costs its length, not its square.
  private struct Builder {
    struct Prefix: Hashable {
      var parent: Int
      var component: [UInt8]
    }
    struct Hit {
      var slot: Int
      var direct: Bool
      var restStart: Int
      var restEnd: Int
    }
    var pool: [UInt8] = []
    var keyStart: [Int32] = []
    var keyLength: [Int32] = []
    var hits: [[Hit]] = []
    var index: [Prefix: Int] = [:]
    var hitStart: [Int32] = []
    var hitCount: [Int32] = []
    var hitSlot: [Int32] = []
    var hitIsDirect: [Bool] = []
    var hitRestStart: [Int32] = []
    var hitRestEnd: [Int32] = []
    var shapes = [UInt8](repeating: 0, count: 256 * 32)

    mutating func add(_ path: String, slot: Int) {
      let base = pool.count
      pool += path.utf8
      let end = pool.count
      var parent = -1
      var componentStart = base
      while true {
        let componentEnd = pool[componentStart..<end].firstIndex(of: UInt8(ascii: ".")) ?? end
        let prefix = Prefix(parent: parent, component: Array(pool[componentStart..<componentEnd]))
        let key = index[prefix] ?? newKey(prefix, start: base, end: componentEnd)
        let direct = componentEnd == end
        hits[key].append(
          Hit(slot: slot, direct: direct, restStart: min(componentEnd + 1, end), restEnd: end))
        if direct { return }
        parent = key
        componentStart = componentEnd + 1
      }
    }

    private mutating func newKey(_ prefix: Prefix, start: Int, end: Int) -> Int {
      let key = keyStart.count
      index[prefix] = key
      keyStart.append(Int32(start))
      keyLength.append(Int32(end - start))
      hits.append([])
      return key
    }

    /// Hits flattened key by key, and each shape's field bits.
    mutating func finishShapes(fieldBits: [UInt8]) {
      for (key, keyHits) in hits.enumerated() {
        let bits = keyHits.reduce(UInt8(0)) { $0 | fieldBits[$1.slot] }
        if keyLength[key] > 0 {
          shapes[KeyTable.shape(pool[Int(keyStart[key])], Int(keyLength[key]))] |= bits
        }
        hitStart.append(Int32(hitSlot.count))
        hitCount.append(Int32(keyHits.count))
        for hit in keyHits {
          hitSlot.append(Int32(hit.slot))
          hitIsDirect.append(hit.direct)
          hitRestStart.append(Int32(hit.restStart))
          hitRestEnd.append(Int32(hit.restEnd))
        }
      }
    }
  }

  /// Shape starts and keys grouped by shape, by counting (keys keep their order within a
  /// shape): an array per shape cost 8,192 allocations on every start.
  private static func groupByShape(_ builder: Builder) -> (starts: [Int32], keys: [Int32]) {
    var starts = [Int32](repeating: 0, count: 256 * 32 + 1)
    var shapeOfKey = [Int](repeating: -1, count: builder.keyStart.count)
    for key in shapeOfKey.indices where builder.keyLength[key] > 0 {
      let shape = shape(builder.pool[Int(builder.keyStart[key])], Int(builder.keyLength[key]))
      shapeOfKey[key] = shape
      starts[shape + 1] += 1
    }
    for shape in 0..<(256 * 32) { starts[shape + 1] += starts[shape] }
    var next = starts
    var grouped = [Int32](repeating: 0, count: Int(starts[256 * 32]))
    for (key, shape) in shapeOfKey.enumerated() where shape >= 0 {
      grouped[Int(next[shape])] = Int32(key)
      next[shape] += 1
    }
    return (starts, grouped)
  }

  /// The rest of a nested hit's path below its key (dotted; empty when the path ended in a
  /// dot): no copy, no retain.
  func rest(_ hit: Int) -> UnsafeRawBufferPointer {
    let start = Int(hitRestStart[hit])
    return UnsafeRawBufferPointer(
      start: pool.baseAddress.map { $0 + start }, count: Int(hitRestEnd[hit]) - start)
  }

  private static func frozen<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
    _ = buffer.initialize(from: array)
    return UnsafeBufferPointer(rebasing: buffer[0..<array.count])
  }

  deinit {
    for buffer in [
      keyStart, keyLength, hitStart, hitCount, hitSlot, hitRestStart, hitRestEnd, shapeStart,
      shapeKeys,
    ] {
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

  /// The indices of the hits for a key (into hitSlot, hitIsDirect, rest), or nil when no field in
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
