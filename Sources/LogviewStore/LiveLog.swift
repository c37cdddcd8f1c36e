import Glibc
import LogviewCore
import LogviewSystem
import Synchronization

/// All records of a session, from all sources, in display order (append order). Writers
/// (reader threads) append under a lock; readers (UI, filter thread) read any index below
/// `count` without locking: records and bytes never move once published.
///
/// Continuation lines at the start of an append (a traceback cut by a read boundary) extend
/// the source's previous record only when that record is still the log's last one and its
/// bytes sit at the end of the current copy chunk; otherwise they become a record of their
/// own. Only the length of that last record changes (atomically); its level, timestamp and
/// request ID stay as computed from its first part.
public final class LiveLog: @unchecked Sendable {
  let pages: RecordPages
  let segments: ByteSegments
  let pool: NormalizerPool
  let published = Atomic<Int>(0)
  /// Mapped files handed over for indexing, and how far that got.
  let load = LoadProgress()
  let writer: Mutex<LogWriter>
  /// --keep-last: records kept (0: all). Older ones are dropped: `firstKept` moves up, and
  /// their pages and copied bytes are given back to the system.
  let keepLast: Int
  let firstKept = Atomic<Int>(0)
  /// --max-memory: what the index and copied input may hold before the oldest records go.
  let budget: MemoryBudget
  /// The budget (not --keep-last) dropped records at least once.
  let droppedForMemory = Atomic<Bool>(false)

  /// Pieces for parallel normalization; big enough to amortize the split, small enough to
  /// publish the first records of a big file early.
  let pieceSize: Int
  /// Appends at least this big are normalized on all cores.
  let parallelAppend: Int
  /// Larger appends go in parts (an arena chunk is at most 4 GiB: offsets are UInt32).
  static let maxAppendPart = 1 << 30

  /// `budget`: what the index and copied input (stdin, followed growth) may hold: copied
  /// input past half of it goes to a private temporary file removed on exit, and past the
  /// whole of it the oldest records go (see MemoryBudget).
  /// `keepLast`: keep only the newest this many records (nil: all).
  public convenience init(
    options: NormalizerOptions, sources: [String], budget: MemoryBudget = .unlimited,
    keepLast: Int? = nil
  ) {
    self.init(
      options: options, sources: sources, pieceSize: 1 << 20, parallelAppend: 512 << 10,
      budget: budget, keepLast: keepLast)
  }

  /// Small pieces let tests exercise the parallel paths on small inputs; a small
  /// `recordCapacity` lets them reach the limit of records kept, few `pageSlots` the reuse
  /// of page slots.
  init(
    options: NormalizerOptions, sources: [String], pieceSize: Int, parallelAppend: Int,
    budget: MemoryBudget = .unlimited, keepLast: Int? = nil,
    recordCapacity: Int = RecordPages.maxCapacity, pageSlots: Int = RecordPages.defaultSlots,
    spillDirectory: String = PrivateTemporaryFile.directory
  ) {
    self.keepLast = max(0, keepLast ?? 0)
    self.budget = budget
    pages = RecordPages(capacity: recordCapacity, slots: pageSlots)
    segments = ByteSegments(memoryCap: budget.arenaCap, spillDirectory: spillDirectory)
    self.pieceSize = max(1, pieceSize)
    self.parallelAppend = parallelAppend
    pool = NormalizerPool(options: options)
    writer = Mutex(LogWriter(pages: pages, segments: segments, sources: sources))
  }

  deinit {
    writer.withLock { $0.retired.reclaim(now: .max) }
  }

  /// Number of published records.
  public var count: Int { published.load(ordering: .acquiring) }

  /// Records before this index were dropped (--keep-last); their reads come back empty.
  public var firstKeptIndex: Int { firstKept.load(ordering: .acquiring) }

  /// Under the writer's lock: makes the written records visible, then drops what
  /// --keep-last or the memory budget no longer keeps (readers see the new first index
  /// before memory goes).
  func publish(_ w: inout LogWriter) {
    published.store(w.published, ordering: .releasing)
    let previous = firstKept.load(ordering: .relaxed)
    let kept = keepLast > 0 ? max(previous, w.published - keepLast) : previous
    let (first, forMemory) = budget.firstToKeep(in: w, atLeast: kept)
    if w.retired.pending > 0 { w.retired.reclaim(now: SystemClock.monotonicNanos()) }
    guard first > previous else { return }
    if forMemory { droppedForMemory.store(true, ordering: .relaxed) }
    firstKept.store(first, ordering: .releasing)
    w.release(from: previous, below: first)
  }

  /// Lets go of spilled input that readers faulted back into memory (after a re-filter
  /// read every record): the budget counts only the chunk being written.
  func forgetSpilledPages() {
    writer.withLock { $0.segments.forgetSpilledPages() }
  }

  public func record(at index: Int) -> LiveRecord {
    guard index >= 0, index < count else {
      return LiveRecord(source: 0, level: nil, timestamp: nil, requestIdHash: 0)
    }
    let page = pages.page(of: index)
    let slot = index & RecordPage.mask
    let flags = page.levels[slot]
    return LiveRecord(
      source: page.sources[slot], level: Level(rawValue: flags & RecordPage.levelMask),
      timestamp: flags & RecordPage.hasTimestampBit != 0 ? page.timestamp(at: slot) : nil,
      requestIdHash: page.hashes[slot])
  }

  /// 1-based line number of the record's first line in its source (0 for an index out of
  /// range). Counted from the nearest checkpoint: a few hundred microseconds at most.
  public func line(at index: Int) -> Int {
    guard index >= firstKeptIndex, index < count else { return 0 }
    let source = pages.page(of: index).sources[index & RecordPage.mask]
    guard
      let checkpoint = writer.withLock({
        $0.lineCheckpoints.checkpoint(source: Int(source), atOrBefore: index)
      })
    else { return 0 }
    var line = checkpoint.line
    for i in checkpoint.index..<index where pages.page(of: i).sources[i & RecordPage.mask] == source
    {
      line += LineCheckpoints.span(of: text(at: i).bytes)
    }
    return line
  }

  /// The record's bytes (first line + continuation lines) and its first line's length.
  public func withText<R>(at index: Int, _ body: (UnsafeRawBufferPointer, Int) -> R) -> R {
    guard index >= 0, index < count else {
      return body(UnsafeRawBufferPointer(start: nil, count: 0), 0)
    }
    let text = self.text(at: index)
    return body(text.bytes, text.firstLineLength)
  }

  /// A published record's bytes; `index` must be below `count`.
  @inline(__always)
  func text(at index: Int) -> (bytes: UnsafeRawBufferPointer, firstLineLength: Int) {
    let bytes = LogWriter.text(at: index, pages: pages, segments: segments)
    return (bytes, RecordSplitter.firstLineLength(of: bytes))
  }

  /// Indices of every record whose request ID is exactly `requestId`, in time order
  /// (records without a timestamp keep their position relative to their source).
  public func indices(requestId: String) -> [Int] {
    RequestIndex.indices(of: Array(requestId.utf8), in: self)
  }

}
