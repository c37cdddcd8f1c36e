import Synchronization

/// One page of per-record metadata, one array per field (31 bytes a record; a record's first
/// line length is found again with memchr when the record is read). A page is
/// allocated once and never moves, so readers can hold its pointers without a lock.
struct RecordPage {
  static let shift = 16
  static let size = 1 << shift
  static let mask = size - 1
  static let byteCount = size * 31

  let base: UnsafeMutableRawPointer

  /// Allocates a page; lengths start as initialized atomics, the rest is written on append.
  static func allocate() -> RecordPage {
    let base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    (base + 0).bindMemory(to: UInt32.self, capacity: size)
    let lengths = (base + 4 * size).bindMemory(to: Atomic<UInt32>.self, capacity: size)
    for i in 0..<size { (lengths + i).initialize(to: Atomic(0)) }
    (base + 8 * size).bindMemory(to: UInt32.self, capacity: size * 3)
    (base + 20 * size).bindMemory(to: Int64.self, capacity: size)
    (base + 28 * size).bindMemory(to: UInt16.self, capacity: size)
    (base + 30 * size).bindMemory(to: UInt8.self, capacity: size)
    return RecordPage(base: base)
  }

  /// Byte offset of the record in its segment.
  var offsets: UnsafeMutablePointer<UInt32> { base.assumingMemoryBound(to: UInt32.self) }
  /// Record length; atomic because the log's last record may grow by continuation lines
  /// while readers look at it.
  var lengths: UnsafeMutablePointer<Atomic<UInt32>> {
    (base + 4 * Self.size).assumingMemoryBound(to: Atomic<UInt32>.self)
  }
  var lines: UnsafeMutablePointer<UInt32> {
    (base + 8 * Self.size).assumingMemoryBound(to: UInt32.self)
  }
  var segments: UnsafeMutablePointer<UInt32> {
    (base + 12 * Self.size).assumingMemoryBound(to: UInt32.self)
  }
  var hashes: UnsafeMutablePointer<UInt32> {
    (base + 16 * Self.size).assumingMemoryBound(to: UInt32.self)
  }
  /// Effective timestamps: a record without one carries its source's previous one
  /// (Int64.min before the first); `hasTimestampBit` in `levels` tells which is which.
  var timestamps: UnsafeMutablePointer<Int64> {
    (base + 20 * Self.size).assumingMemoryBound(to: Int64.self)
  }
  var sources: UnsafeMutablePointer<UInt16> {
    (base + 28 * Self.size).assumingMemoryBound(to: UInt16.self)
  }
  /// Level raw value (0: none) in the low bits, `hasTimestampBit` on top.
  var levels: UnsafeMutablePointer<UInt8> {
    (base + 30 * Self.size).assumingMemoryBound(to: UInt8.self)
  }

  static let hasTimestampBit: UInt8 = 0x80
  static let levelMask: UInt8 = 0x07
}

/// The page table of a LiveLog: a fixed-capacity array of page pointers, so publishing a page
/// never moves the table. Pages are written only at indices not yet published (under the
/// log's lock); readers only touch indices below the published count.
final class RecordPages: @unchecked Sendable {
  /// Record indices are Int32 in filtered views.
  static let capacity = Int(Int32.max)
  static let maxPages = (capacity >> RecordPage.shift) + 1

  private let table: UnsafeMutablePointer<UnsafeMutableRawPointer?>
  /// Pages allocated so far (writer only).
  private var allocated = 0

  init() {
    table = .allocate(capacity: Self.maxPages)
    table.initialize(repeating: nil, count: Self.maxPages)
  }

  deinit {
    for p in 0..<allocated {
      guard let base = table[p] else { continue }
      let lengths = RecordPage(base: base).lengths
      lengths.deinitialize(count: RecordPage.size)
      base.deallocate()
    }
    table.deallocate()
  }

  /// The page holding a published record.
  @inline(__always)
  func page(of index: Int) -> RecordPage {
    RecordPage(base: table[index >> RecordPage.shift].unsafelyUnwrapped)
  }

  /// Writer: the page for `index`, allocated on first use; nil past the capacity.
  func writablePage(of index: Int) -> RecordPage? {
    guard index >= 0, index < Self.capacity else { return nil }
    let p = index >> RecordPage.shift
    while allocated <= p {
      table[allocated] = RecordPage.allocate().base
      allocated += 1
    }
    return RecordPage(base: table[p].unsafelyUnwrapped)
  }
}
