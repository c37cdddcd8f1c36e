import LogviewCore

/// Compact metadata of records from one source, kept as parallel arrays (about 31 bytes a
/// record, no String per field): where the record's bytes are, its line number, effective
/// timestamp, level and a hash of its request ID. The bytes themselves stay in the source.
public struct RecordStore: Sendable {
  public let source: UInt16
  public private(set) var offsets: [Int64] = []
  public private(set) var lengths: [UInt32] = []
  public private(set) var lines: [UInt32] = []
  /// Effective timestamps: a record without one carries the previous record's (Int64.min at
  /// the start), so merging keeps it beside its neighbours.
  public private(set) var timestamps: [Int64] = []
  /// Level raw value, 0 for none.
  public private(set) var levels: [UInt8] = []
  /// 0 when the record has no request ID.
  public private(set) var requestIdHashes: [UInt32] = []
  private var lastTimestamp = Int64.min

  public init(source: UInt16) { self.source = source }

  public var count: Int { offsets.count }

  public mutating func reserveCapacity(_ n: Int) {
    offsets.reserveCapacity(n)
    lengths.reserveCapacity(n)
    lines.reserveCapacity(n)
    timestamps.reserveCapacity(n)
    levels.reserveCapacity(n)
    requestIdHashes.reserveCapacity(n)
  }

  public mutating func append(
    offset: Int, length: Int, line: Int, timestamp: Int64?, level: Level?,
    requestId: UnsafeRawBufferPointer?
  ) {
    offsets.append(Int64(offset))
    lengths.append(UInt32(clamping: length))
    lines.append(UInt32(clamping: line))
    if let timestamp { lastTimestamp = timestamp }
    timestamps.append(lastTimestamp)
    levels.append(level?.rawValue ?? 0)
    requestIdHashes.append(requestId.map(Self.hash) ?? 0)
  }

  /// Appends another store's records (a later chunk of the same source), keeping the order.
  public mutating func append(contentsOf other: RecordStore) {
    offsets += other.offsets
    lengths += other.lengths
    lines += other.lines
    // A chunk that began without timestamps inherits this store's last one.
    var carried = lastTimestamp
    for t in other.timestamps {
      if t != Int64.min { carried = t }
      timestamps.append(carried)
    }
    lastTimestamp = carried
    levels += other.levels
    requestIdHashes += other.requestIdHashes
  }

  public func level(at index: Int) -> Level? { Level(rawValue: levels[index]) }

  /// A non-zero 32-bit FNV-1a hash of a request ID.
  public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var h: UInt32 = 0x811c_9dc5
    for byte in bytes { h = (h ^ UInt32(byte)) &* 0x0100_0193 }
    return h == 0 ? 1 : h
  }

  /// Indices of records whose request ID hashes like `requestId` (callers confirm on the bytes).
  public func candidates(forRequestId requestId: UnsafeRawBufferPointer) -> [Int] {
    let wanted = Self.hash(requestId)
    return requestIdHashes.indices.filter { requestIdHashes[$0] == wanted }
  }
}
