import Glibc
import LogviewSystem

/// Memory of dropped records (--keep-last, the memory budget), freed after a grace period.
/// Readers take no lock: one that looked up a page or chunk just before the drop may still
/// read it for a moment (a filter's block of records, a frame). From the drop on, the tables
/// point at empty blocks, so later lookups read empty records; the old block's pages are
/// emptied at once (a late reader reads zeros) and its addresses go back to the system once
/// no reader can be using them. Dropped blocks were only emptied
/// before, and their address space and page tables grew without end (8 GB of addresses
/// and 11 MB of page tables after 40 s of `yes | logview`).
struct RetiredMemory {
  /// Far longer than any reader holds a block (a filter decides at most a few hundred
  /// records between lookups; a frame draws in milliseconds).
  static let grace: Int64 = 10_000_000_000

  enum Block {
    /// A page of the index.
    case page(UnsafeMutableRawPointer)
    /// An arena chunk of copied input in memory, and its size.
    case chunk(UnsafeMutableRawPointer, Int)
    /// A chunk of the spill file, unmapped.
    case mapping(UnsafeMutableRawPointer, Int)
  }

  private var queue: [(at: Int64, block: Block)] = []
  private var head = 0

  var pending: Int { queue.count - head }

  mutating func retire(_ block: Block, now: Int64) {
    switch block {
    case .page(let base): MemoryRelease.discard(base, byteCount: RecordPage.allocationSize)
    case .chunk(let memory, let capacity): MemoryRelease.discard(memory, byteCount: capacity)
    case .mapping: break  // its blocks were punched out of the file already
    }
    queue.append((now, block))
  }

  /// Frees what was retired at least `grace` before `now` (everything for `.max`).
  mutating func reclaim(now: Int64) {
    while head < queue.count, now == .max || now - queue[head].at >= Self.grace {
      Self.free(queue[head].block)
      head += 1
    }
    if head > 64, head * 2 > queue.count {
      queue.removeFirst(head)
      head = 0
    }
  }

  private static func free(_ block: Block) {
    switch block {
    case .page(let base):
      RecordPage(base: base).deallocate()
    case .chunk(let memory, let capacity):
      MemoryRelease.freePages(memory, byteCount: capacity)
    case .mapping(let address, let length):
      munmap(address, length)
    }
  }
}
