import Glibc
import LogviewSystem

/// Where record bytes live: a fixed-capacity table of segment base addresses. A segment is a
/// piece of a memory-mapped file (kept alive through its owner) or a chunk the log allocated
/// and filled with copied bytes. Bytes of a published record never change or move.
final class ByteSegments: @unchecked Sendable {
  /// Segments held at once: at most 4 GiB each (record offsets are UInt32), arena chunks
  /// at least 4 MiB, so this covers terabytes of input kept.
  static let capacity = 1 << 20

  private let bases: UnsafeMutablePointer<UnsafeRawPointer?>
  // Writer-only state (under the log's lock).
  private(set) var count = 0
  private var owners: [AnyObject] = []
  /// Every chunk by segment: where it is, how big, whether it lives in the spill file.
  private var chunkInfo: [UInt32: (memory: UnsafeMutableRawPointer, capacity: Int, spilled: Bool)] =
    [:]
  /// Copied input kept in memory before further chunks go to the spill file.
  let memoryCap: Int
  private(set) var inMemory = 0
  private var spill: SpillFile?
  /// Why copied input could not spill (no temporary file, a full disk); it then stays in
  /// memory and the budget drops the oldest records instead.
  private(set) var spillFailure: String?
  /// The chunk being filled, when it lives in the spill file.
  private var currentSpilled: (memory: UnsafeMutableRawPointer, capacity: Int)?

  var spilledBytes: Int { spill?.byteCount ?? 0 }

  /// Spilled chunks filled most recently: a filter catching up reads them back in, so their
  /// pages are let go of again each time a chunk fills (all spilled chunks' every 64).
  private var recentlySpilled: [(memory: UnsafeMutableRawPointer, capacity: Int)] = []
  private var spilledSinceForget = 0

  /// Resident bytes of the spill file mapped here, about: the chunk being filled and one
  /// being read back by a filter catching up.
  var spillResident: Int { 2 * (currentSpilled?.capacity ?? 0) }

  /// Where the spill file goes ($TMPDIR by default).
  let spillDirectory: String

  init(memoryCap: Int = Int.max, spillDirectory: String = PrivateTemporaryFile.directory) {
    self.memoryCap = memoryCap
    self.spillDirectory = spillDirectory
    // calloc: untouched pages of the 8 MB table read as nil without becoming resident.
    let table = calloc(Self.capacity, MemoryLayout<UnsafeRawPointer?>.stride)!
    bases = table.bindMemory(to: UnsafeRawPointer?.self, capacity: Self.capacity)
  }

  deinit {
    for chunk in chunkInfo.values where !chunk.spilled {
      MemoryRelease.freePages(chunk.memory, byteCount: chunk.capacity)
    }
    free(bases)
  }

  /// What a dropped chunk's entry points at: zeros, read-only, never resident, as large as
  /// the largest chunk (an append is at most 1 GiB).
  nonisolated(unsafe) static let empty = UnsafeRawPointer(
    mmap(nil, 2 << 30, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)!)

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
    // A ring: slots of dropped chunks are taken again (mapped files keep theirs), so only
    // the segments held at once are limited, not those ever made.
    for _ in 0..<Self.capacity {
      let slot = count & (Self.capacity - 1)
      count += 1
      guard bases[slot] == nil || bases[slot] == Self.empty else { continue }
      bases[slot] = base
      return UInt32(slot)
    }
    return nil
  }

  /// Allocates a chunk the log owns and registers it; nil when the table is full. Past the
  /// memory cap, chunks come from the spill file (memory again if that is impossible, with
  /// the reason in `spillFailure`).
  func addChunk(capacity: Int) -> (segment: UInt32, memory: UnsafeMutableRawPointer)? {
    if let filled = currentSpilled {
      // Written out by the kernel as it sees fit; no longer part of this process's memory.
      recentlySpilled.append(filled)
      if recentlySpilled.count > 4 { recentlySpilled.removeFirst() }
      for chunk in recentlySpilled {
        MemoryRelease.discard(chunk.memory, byteCount: chunk.capacity)
      }
      currentSpilled = nil
      spilledSinceForget += 1
      if spilledSinceForget >= 64 { forgetSpilledPages() }
    }
    // A slot first: with none free, nothing is allocated.
    guard let segment = add(Self.empty) else { return nil }
    if inMemory + capacity > memoryCap, let memory = spillChunk(capacity: max(1, capacity)) {
      bases[Int(segment)] = UnsafeRawPointer(memory)
      chunkInfo[segment] = (memory, max(1, capacity), true)
      currentSpilled = (memory, max(1, capacity))
      return (segment, memory)
    }
    // Whole pages, so a release gives back every page of it.
    let memory = MemoryRelease.allocatePages(capacity)
    inMemory += capacity
    bases[Int(segment)] = UnsafeRawPointer(memory)
    chunkInfo[segment] = (memory, max(1, capacity), false)
    return (segment, memory)
  }

  private func spillChunk(capacity: Int) -> UnsafeMutableRawPointer? {
    if spill == nil, spillFailure == nil {
      spill = SpillFile(directory: spillDirectory, reason: &spillFailure)
    }
    guard let spill, let memory = spill.chunk(capacity: capacity) else {
      if let reason = spill?.failure { spillFailure = reason }
      return nil
    }
    spillFailure = nil
    return memory
  }

  /// Bytes of anonymous memory the chunk holds (0 for spilled or released chunks and for
  /// mapped files).
  func memoryCost(of segment: UInt32) -> Int {
    guard let chunk = chunkInfo[segment], !chunk.spilled else { return 0 }
    return chunk.capacity
  }

  /// Lets go of the spill file's pages that readers faulted back in (a re-filter reads
  /// every record): the file keeps the bytes, the process's resident memory drops.
  func forgetSpilledPages() {
    spilledSinceForget = 0
    for chunk in chunkInfo.values where chunk.spilled && chunk.memory != currentSpilled?.memory {
      MemoryRelease.discard(chunk.memory, byteCount: chunk.capacity)
    }
  }

  /// Drops a chunk whose records are gone: its entry reads as zeros from now on, spilled
  /// blocks go back to the file system at once, and the chunk itself is returned to be
  /// freed after a grace period (see RetiredMemory). Mapped files are not touched.
  func release(_ segment: UInt32) -> RetiredMemory.Block? {
    guard let chunk = chunkInfo.removeValue(forKey: segment) else { return nil }
    bases[Int(segment)] = Self.empty
    if chunk.spilled {
      if chunk.memory == currentSpilled?.memory { currentSpilled = nil }
      recentlySpilled.removeAll { $0.memory == chunk.memory }
      return spill?.punch(chunk.memory).map { .mapping($0.0, $0.1) }
    }
    inMemory -= chunk.capacity
    return .chunk(chunk.memory, chunk.capacity)
  }
}
