import Glibc
import LogviewSystem
import Synchronization

/// One page of per-record metadata, one array per field (23 bytes a record; a record's first
/// line length is found again with memchr when it is read, its line number is counted on
/// demand from checkpoints, see LineCheckpoints). A page is allocated once and never moves,
/// so readers can hold its pointers without a lock.
struct RecordPage {
  static let shift = 16
  static let size = 1 << shift
  static let mask = size - 1
  static let recordBytes = 23
  /// Records, then the page's time base (Int64) and its wide time array (atomic pointer).
  static let byteCount = size * recordBytes + 16
  /// Whole memory pages from the kernel: a dropped page gives every byte back (the partial
  /// system pages at both ends of a malloc'd block stayed resident, 8 KB each).
  static let allocationSize = (byteCount + 4095) / 4096 * 4096

  let base: UnsafeMutableRawPointer

  /// Allocates a page; lengths start as initialized atomics, the rest is written on append.
  static func allocate() -> RecordPage {
    let base = MemoryRelease.allocatePages(allocationSize)
    (base + 0).bindMemory(to: UInt32.self, capacity: size)
    let lengths = (base + 4 * size).bindMemory(to: Atomic<UInt32>.self, capacity: size)
    for i in 0..<size { (lengths + i).initialize(to: Atomic(0)) }
    (base + 8 * size).bindMemory(to: UInt32.self, capacity: size * 2)
    (base + 16 * size).bindMemory(to: Int32.self, capacity: size)
    (base + 20 * size).bindMemory(to: UInt16.self, capacity: size)
    (base + 22 * size).bindMemory(to: UInt8.self, capacity: size)
    (base + recordBytes * size).bindMemory(to: Int64.self, capacity: 1).initialize(to: .min)
    (base + recordBytes * size + 8).bindMemory(to: Atomic<Int>.self, capacity: 1)
      .initialize(to: Atomic(0))
    return RecordPage(base: base)
  }

  /// Byte offset of the record in its segment.
  var offsets: UnsafeMutablePointer<UInt32> { base.assumingMemoryBound(to: UInt32.self) }
  /// Record length; atomic because the log's last record may grow by continuation lines
  /// while readers look at it.
  var lengths: UnsafeMutablePointer<Atomic<UInt32>> {
    (base + 4 * Self.size).assumingMemoryBound(to: Atomic<UInt32>.self)
  }
  var segments: UnsafeMutablePointer<UInt32> {
    (base + 8 * Self.size).assumingMemoryBound(to: UInt32.self)
  }
  var hashes: UnsafeMutablePointer<UInt32> {
    (base + 12 * Self.size).assumingMemoryBound(to: UInt32.self)
  }
  /// Effective timestamps as milliseconds from `timeBase` (see `timestamp(at:)`).
  var timeDeltas: UnsafeMutablePointer<Int32> {
    (base + 16 * Self.size).assumingMemoryBound(to: Int32.self)
  }
  var sources: UnsafeMutablePointer<UInt16> {
    (base + 20 * Self.size).assumingMemoryBound(to: UInt16.self)
  }
  /// Level raw value (0: none) in the low bits, `hasTimestampBit` on top.
  var levels: UnsafeMutablePointer<UInt8> {
    (base + 22 * Self.size).assumingMemoryBound(to: UInt8.self)
  }
  /// Whole milliseconds (in nanoseconds) of the page's first effective timestamp; written
  /// once, before the first record that needs it is published.
  var timeBase: UnsafeMutablePointer<Int64> {
    (base + Self.recordBytes * Self.size).assumingMemoryBound(to: Int64.self)
  }
  /// Full timestamps of a page whose times do not fit 32-bit deltas (0: none).
  var wideTimes: UnsafeMutablePointer<Atomic<Int>> {
    (base + Self.recordBytes * Self.size + 8).assumingMemoryBound(to: Atomic<Int>.self)
  }

  static let hasTimestampBit: UInt8 = 0x80
  static let levelMask: UInt8 = 0x07
  /// The delta of a record before its source's first timestamp.
  static let noTime = Int32.min
  static let nanosPerDelta: Int64 = 1_000_000

  /// A published record's effective timestamp (Int64.min before its source's first one):
  /// millisecond precision, or the exact value on a wide page. The merge on load and the
  /// detail views work from the records' own (exact) timestamps.
  @inline(__always)
  func timestamp(at slot: Int) -> Int64 {
    let wide = wideTimes.pointee.load(ordering: .acquiring)
    if wide != 0 { return UnsafePointer<Int64>(bitPattern: wide).unsafelyUnwrapped[slot] }
    let delta = timeDeltas[slot]
    return delta == Self.noTime ? .min : timeBase.pointee + Int64(delta) * Self.nanosPerDelta
  }

  /// Writer: stores the effective timestamp of `slot` (all earlier slots are written).
  func setTimestamp(_ time: Int64, at slot: Int) {
    let wide = wideTimes.pointee.load(ordering: .relaxed)
    if wide != 0 {
      UnsafeMutablePointer<Int64>(bitPattern: wide).unsafelyUnwrapped[slot] = time
      return
    }
    if time == .min {
      timeDeltas[slot] = Self.noTime
      return
    }
    if timeBase.pointee == .min {
      timeBase.pointee =
        time - ((time % Self.nanosPerDelta) + Self.nanosPerDelta) % Self.nanosPerDelta
    }
    let offset = time.subtractingReportingOverflow(timeBase.pointee)
    let delta =
      offset.partialValue >= 0
      ? offset.partialValue / Self.nanosPerDelta
      : (offset.partialValue - Self.nanosPerDelta + 1) / Self.nanosPerDelta
    if !offset.overflow, delta > Int64(Self.noTime), delta <= Int64(Int32.max) {
      timeDeltas[slot] = Int32(delta)
      return
    }
    // Out of range (about ±24 days from the page's first time): this page keeps full times.
    let times = UnsafeMutablePointer<Int64>.allocate(capacity: Self.size)
    for earlier in 0..<slot { times[earlier] = timestamp(at: earlier) }
    times[slot] = time
    wideTimes.pointee.store(Int(bitPattern: times), ordering: .releasing)
  }

  /// Frees the page: its block and what it owns besides.
  func deallocate() {
    deallocateParts()
    MemoryRelease.freePages(base, byteCount: Self.allocationSize)
  }

  /// Frees what the page owns besides its block.
  private func deallocateParts() {
    lengths.deinitialize(count: Self.size)
    let wide = wideTimes.pointee.load(ordering: .relaxed)
    if wide != 0 { UnsafeMutablePointer<Int64>(bitPattern: wide)?.deallocate() }
  }
}

/// The page table of a LiveLog: a fixed ring of page pointers, so publishing a page never
/// moves the table. Page `p` lives in slot `p mod slots`: records are numbered without
/// end, and a slot is taken again once --keep-last or the memory budget dropped its page,
/// so only the records kept at once are limited (2^31). Pages are written only at indices
/// not yet published (under the log's lock); readers only touch indices below the
/// published count.
final class RecordPages: @unchecked Sendable {
  static let defaultSlots = 1 << 15
  /// Records kept at once, at most.
  static let maxCapacity = defaultSlots << RecordPage.shift

  /// Records kept at once (lower in tests of the limit).
  let capacity: Int
  private let table: UnsafeMutablePointer<UnsafeMutableRawPointer?>
  private let slots: Int
  private let slotMask: Int
  /// Pages allocated so far, and pages below `retiredBelow` dropped (writer only).
  private(set) var allocated = 0
  private var retiredBelow = 0

  /// `slots` (a power of two; fewer in tests of the ring) bounds the capacity.
  init(capacity: Int = RecordPages.maxCapacity, slots: Int = RecordPages.defaultSlots) {
    self.slots = slots
    slotMask = slots - 1
    self.capacity = min(max(1, capacity), slots << RecordPage.shift)
    table = .allocate(capacity: slots)
    table.initialize(repeating: nil, count: slots)
  }

  deinit {
    for slot in 0..<slots {
      guard let base = table[slot], base != Self.empty else { continue }
      RecordPage(base: base).deallocate()
    }
    table.deallocate()
  }

  /// The page every dropped page's entry points at: zeros (records with no bytes, level or
  /// time), never written, so its memory is never made resident.
  nonisolated(unsafe) static let empty: UnsafeMutableRawPointer = calloc(
    1, RecordPage.allocationSize)!

  /// The page holding a published record.
  @inline(__always)
  func page(of index: Int) -> RecordPage {
    RecordPage(base: table[(index >> RecordPage.shift) & slotMask].unsafelyUnwrapped)
  }

  /// Drops page `p`, the oldest one kept, whose records --keep-last or the memory budget
  /// let go: its slot reads as empty records until a new page takes it. Returns the page's
  /// block, which a reader may still be using, to be freed after a grace period (see
  /// RetiredMemory).
  func retire(page p: Int) -> UnsafeMutableRawPointer? {
    guard p >= retiredBelow, p < allocated else { return nil }
    retiredBelow = p + 1
    let slot = p & slotMask
    guard let base = table[slot], base != Self.empty else { return nil }
    table[slot] = Self.empty
    return base
  }

  /// Writer: record `index` fits beside the records kept.
  func hasRoom(for index: Int) -> Bool {
    index >= 0 && index - (retiredBelow << RecordPage.shift) < capacity
  }

  /// Writer: the page for `index`, allocated on first use; nil when the records kept would
  /// pass the capacity.
  func writablePage(of index: Int) -> RecordPage? {
    guard hasRoom(for: index) else { return nil }
    let p = index >> RecordPage.shift
    while allocated <= p {
      table[allocated & slotMask] = RecordPage.allocate().base
      allocated += 1
    }
    return page(of: index)
  }
}
