import Glibc
import LogviewCore
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
  let pages = RecordPages()
  let segments: ByteSegments
  let pool: NormalizerPool
  let published = Atomic<Int>(0)
  /// Bytes of mapped files handed to appendMapped/appendMerged, published, and finished.
  let loadTotal = Atomic<Int>(0)
  let loadPublished = Atomic<Int>(0)
  let loadDone = Atomic<Int>(0)
  let writer: Mutex<LogWriter>
  /// --keep-last: records kept (0: all). Older ones are dropped: `firstKept` moves up, and
  /// their pages and copied bytes are given back to the system.
  let keepLast: Int
  let firstKept = Atomic<Int>(0)

  /// Pieces for parallel normalization; big enough to amortize the split, small enough to
  /// publish the first records of a big file early.
  let pieceSize: Int
  /// Appends at least this big are normalized on all cores.
  let parallelAppend: Int
  /// Larger appends go in parts (an arena chunk is at most 4 GiB: offsets are UInt32).
  static let maxAppendPart = 1 << 30

  /// `memoryCap`: bytes of copied input (stdin, followed growth) kept in memory; beyond it
  /// they go to a private temporary file that is removed on exit.
  /// `keepLast`: keep only the newest this many records (nil: all).
  public convenience init(
    options: NormalizerOptions, sources: [String], memoryCap: Int = 1 << 30, keepLast: Int? = nil
  ) {
    self.init(
      options: options, sources: sources, pieceSize: 1 << 20, parallelAppend: 512 << 10,
      memoryCap: memoryCap, keepLast: keepLast)
  }

  /// Small pieces let tests exercise the parallel paths on small inputs.
  init(
    options: NormalizerOptions, sources: [String], pieceSize: Int, parallelAppend: Int,
    memoryCap: Int = 1 << 30, keepLast: Int? = nil
  ) {
    self.keepLast = max(0, keepLast ?? 0)
    segments = ByteSegments(memoryCap: memoryCap)
    self.pieceSize = max(1, pieceSize)
    self.parallelAppend = parallelAppend
    pool = NormalizerPool(options: options)
    writer = Mutex(LogWriter(pages: pages, segments: segments, sources: sources))
  }

  /// Number of published records.
  public var count: Int { published.load(ordering: .acquiring) }

  /// Records before this index were dropped (--keep-last); their reads come back empty.
  public var firstKeptIndex: Int { firstKept.load(ordering: .acquiring) }

  /// Under the writer's lock: makes the written records visible, then drops what
  /// --keep-last no longer keeps (readers see the new first index before memory goes).
  func publish(_ w: inout LogWriter) {
    published.store(w.published, ordering: .releasing)
    let previous = firstKept.load(ordering: .relaxed)
    guard keepLast > 0, w.published - previous > keepLast else { return }
    let first = w.published - keepLast
    firstKept.store(first, ordering: .releasing)
    w.release(from: previous, below: first)
  }

  /// Appends the records in `bytes`, which must end at a line end (the caller keeps partial
  /// lines). Bytes are copied into the log's own storage. Leading continuation lines extend
  /// the source's previous record when it is still the last record (see the type's notes).
  /// Returns the number of records added.
  @discardableResult
  public func append(_ bytes: UnsafeRawBufferPointer, source: Int) -> Int {
    guard bytes.count > 0 else { return 0 }
    let source = max(0, min(source, Int(UInt16.max)))
    if bytes.count > Self.maxAppendPart {
      var added = 0
      for part in RecordSplitter.chunkBoundaries(in: bytes, target: Self.maxAppendPart / 2) {
        added += appendPart(UnsafeRawBufferPointer(rebasing: bytes[part]), source: source)
      }
      return added
    }
    return appendPart(bytes, source: source)
  }

  private func appendPart(_ bytes: UnsafeRawBufferPointer, source: Int) -> Int {
    let ranges =
      bytes.count >= parallelAppend
      ? RecordSplitter.chunkBoundaries(
        in: bytes, target: max(pieceSize / 8, bytes.count / (Parallel.cores * 2)))
      : [0..<bytes.count]
    // The first bytes since the source started (or started over) may begin with a BOM.
    let fresh = writer.withLock { $0.isFresh(source) }
    let batches = Parallel.map(ranges.count) { i in
      pool.withNormalizer {
        RecordBatch.build(
          bytes, range: ranges[i], leadingContinues: i == 0, startsSource: fresh && i == 0,
          normalizer: $0)
      }
    }
    return writer.withLock { w in
      guard let placed = w.copyToArena(bytes, source: source) else { return 0 }
      var added = 0
      var extended = false
      for (i, batch) in batches.enumerated() {
        var first = 0
        if i == 0, batch.firstContinues, placed.followsTail, batch.count > 0 {
          w.extendTail(toSegmentOffset: placed.position + batch.starts[0] + Int(batch.lengths[0]))
          extended = true
          first = 1
        }
        added += w.write(
          batch, from: first, segment: placed.segment, delta: placed.position, source: source)
      }
      // The last record may grow by the next append's leading continuation lines.
      if added > 0 || extended, let arena = w.arena {
        w.tail = LogWriter.Tail(
          index: w.published - 1, source: source, segment: placed.segment, arenaEnd: arena.used)
      } else {
        w.tail = nil
      }
      publish(&w)
      return added
    }
  }

  /// Appends every record of a memory-mapped file without copying its bytes (kept alive by
  /// the log), using all cores. Records are published in order as pieces complete, so the
  /// first ones are visible while the rest of the file is still being indexed.
  /// `progress` runs (on an indexing thread) after each batch of records is published, so a
  /// viewer can draw the first records of a large file at once.
  @discardableResult
  public func appendMapped(
    _ bytes: UnsafeRawBufferPointer, owner: AnyObject, source: Int,
    progress: (@Sendable () -> Void)? = nil
  ) -> Int {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
    let source = max(0, min(source, Int(UInt16.max)))
    loadTotal.add(bytes.count, ordering: .relaxed)
    defer { loadDone.add(bytes.count, ordering: .relaxed) }
    writer.withLock { w in
      w.segments.retain(owner)
      w.tail = nil
    }
    let ranges = RecordSplitter.chunkBoundaries(in: bytes, target: pieceSize)
    let order = Mutex(MappedPublishOrder())
    Parallel.forEach(ranges.count) { i in
      let batch = pool.withNormalizer {
        RecordBatch.build(
          bytes, range: ranges[i], leadingContinues: false,
          startsSource: ranges[i].lowerBound == 0, normalizer: $0)
      }
      let ready = UncheckedSendable(batch)
      order.withLock { order in
        order.pending[i] = ready.value
        while let next = order.pending.removeValue(forKey: order.next) {
          let range = ranges[order.next]
          order.next += 1
          order.added += writer.withLock { w in
            // A new segment whenever offsets from the current one would pass UInt32.
            if order.segment == nil || range.upperBound - order.segmentStart > Int(UInt32.max) {
              order.segmentStart = range.lowerBound
              order.segment = w.segments.add(base + range.lowerBound)
            }
            guard let segment = order.segment else { return 0 }
            w.byteCount += range.count
            let n = w.write(next, segment: segment, delta: -order.segmentStart, source: source)
            publish(&w)
            return n
          }
          loadPublished.add(range.count, ordering: .relaxed)
          if order.next % 8 == 1 { progress?() }
        }
      }
    }
    return order.withLock { $0.added }
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

  /// Records per level; index 0 counts records without a level, then Level.rawValue.
  public var levelCounts: [Int] { writer.withLock { $0.levelCounts } }

  /// Indices of every record whose request ID is exactly `requestId`, in time order
  /// (records without a timestamp keep their position relative to their source).
  public func indices(requestId: String) -> [Int] {
    RequestIndex.indices(of: Array(requestId.utf8), in: self)
  }

  public var sources: [SourceStatus] { writer.withLock { $0.statuses } }

  public func finish(source: Int, error: String?) {
    guard source >= 0, source <= Int(UInt16.max) else { return }
    writer.withLock { w in
      w.ensureSource(source)
      w.statuses[source].finished = true
      w.statuses[source].error = error
    }
  }

  /// The source's file does not exist (yet); it is being waited for.
  public func setWaiting(source: Int, _ waiting: Bool) {
    guard source >= 0, source <= Int(UInt16.max) else { return }
    writer.withLock { w in
      w.ensureSource(source)
      w.statuses[source].waiting = waiting
    }
  }

  /// The source starts over (its file was rotated or truncated): its line numbers restart
  /// at 1 and what it appends next never continues an earlier record.
  public func restart(source: Int) {
    guard source >= 0, source <= Int(UInt16.max) else { return }
    writer.withLock { $0.restart(source) }
  }

  /// Bytes appended so far (for the records-per-second and progress displays).
  public var byteCount: Int { writer.withLock { $0.byteCount } }

  /// Copied input moved to the spill file because of the memory cap.
  public var spilledBytes: Int { writer.withLock { $0.segments.spilledBytes } }

  /// True once files were handed over for indexing and all of them are indexed.
  public var indexed: Bool {
    let total = loadTotal.load(ordering: .relaxed)
    return total > 0 && loadDone.load(ordering: .relaxed) >= total
  }

  /// While mapped files are being indexed: bytes indexed so far and bytes to index; nil
  /// when nothing is loading.
  public var indexing: (done: Int, total: Int)? {
    let total = loadTotal.load(ordering: .relaxed)
    let done = loadDone.load(ordering: .relaxed)
    guard done < total else { return nil }
    return (min(loadPublished.load(ordering: .relaxed), total), total)
  }
}

/// Bookkeeping of appendMapped: pieces finish in any order and are published in order.
struct MappedPublishOrder: @unchecked Sendable {
  var pending: [Int: RecordBatch] = [:]
  var next = 0
  var added = 0
  var segment: UInt32?
  var segmentStart = 0
}
