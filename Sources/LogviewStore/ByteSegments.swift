import LogviewSystem

/// Where record bytes live: a fixed-capacity table of segment base addresses. A segment is a
/// piece of a memory-mapped file (kept alive through its owner) or a chunk the log allocated
/// and filled with copied bytes. Bytes of a published record never change or move.
final class ByteSegments: @unchecked Sendable {
  /// Segments are at most 4 GiB (record offsets are UInt32) and arena chunks at least
  /// 4 MiB, so this covers terabytes of input.
  static let capacity = 1 << 20

  private let bases: UnsafeMutablePointer<UnsafeRawPointer?>
  // Writer-only state (under the log's lock).
  private(set) var count = 0
  private var owners: [AnyObject] = []
  private var ownedChunks: [UnsafeMutableRawPointer] = []
  /// Every chunk by segment: where it is, how big, whether it lives in the spill file.
  private var chunkInfo: [UInt32: (memory: UnsafeMutableRawPointer, capacity: Int, spilled: Bool)] =
    [:]
  /// Copied input kept in memory before further chunks go to the spill file.
  let memoryCap: Int
  private(set) var inMemory = 0
  private var spill: SpillFile?
  private var spillUnavailable = false

  var spilledBytes: Int { spill?.byteCount ?? 0 }

  init(memoryCap: Int = Int.max) {
    self.memoryCap = memoryCap
    bases = .allocate(capacity: Self.capacity)
    bases.initialize(repeating: nil, count: Self.capacity)
  }

  deinit {
    for chunk in ownedChunks { chunk.deallocate() }
    bases.deallocate()
  }

  @inline(__always)
  func base(_ segment: UInt32) -> UnsafeRawPointer {
    bases[Int(segment)].unsafelyUnwrapped
  }

  /// Keeps `owner` (e.g. a mapped file) alive as long as the log.
  func retain(_ owner: AnyObject) {
    if !owners.contains(where: { $0 === owner }) { owners.append(owner) }
  }

  /// Registers bytes starting at `base`; nil when the table is full.
  func add(_ base: UnsafeRawPointer) -> UInt32? {
    guard count < Self.capacity else { return nil }
    bases[count] = base
    count += 1
    return UInt32(count - 1)
  }

  /// Allocates a chunk the log owns and registers it; nil when the table is full. Past the
  /// memory cap, chunks come from the spill file (memory again if that is impossible).
  func addChunk(capacity: Int) -> (segment: UInt32, memory: UnsafeMutableRawPointer)? {
    guard count < Self.capacity else { return nil }
    if inMemory + capacity > memoryCap, !spillUnavailable {
      if spill == nil { spill = SpillFile() }
      if let spill, let memory = spill.chunk(capacity: max(1, capacity)) {
        guard let segment = add(UnsafeRawPointer(memory)) else { return nil }
        chunkInfo[segment] = (memory, max(1, capacity), true)
        return (segment, memory)
      }
      spillUnavailable = true
    }
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(1, capacity), alignment: 16)
    ownedChunks.append(memory)
    inMemory += capacity
    guard let segment = add(UnsafeRawPointer(memory)) else { return nil }
    chunkInfo[segment] = (memory, max(1, capacity), false)
    return (segment, memory)
  }

  /// Gives a chunk's memory (or its spill-file space) back; it stays mapped and reads as
  /// zeros. Mapped files are not touched.
  func release(_ segment: UInt32) {
    guard let chunk = chunkInfo.removeValue(forKey: segment) else { return }
    if chunk.spilled {
      MemoryRelease.discardFileBacked(chunk.memory, byteCount: chunk.capacity)
    } else {
      MemoryRelease.discard(chunk.memory, byteCount: chunk.capacity)
      inMemory -= chunk.capacity
    }
  }
}
