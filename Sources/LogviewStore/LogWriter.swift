import LogviewCore
import LogviewSystem
import Synchronization

/// The writing side of a LiveLog, only ever used under its lock: publishes batches into the
/// pages, copies appended bytes into arena chunks, keeps counters and per-source state.
struct LogWriter: @unchecked Sendable {
  struct SourceState {
    /// Lines of the source consumed so far.
    var lineBase = 0
    var lastTimestamp = Int64.min
    /// Records were written since the source started (or started over).
    var started = false
    /// What its last appended line looked like: the continuation rule reads the line before.
    var lastLine: ContinuationRule.Preceding = []
  }

  /// The log's last record, while it may still grow: it came from the arena chunk's latest
  /// append, so continuation lines appended next are contiguous with it.
  struct Tail {
    var index: Int
    var source: Int
    var segment: UInt32
    var arenaEnd: Int
  }

  struct Arena {
    var segment: UInt32
    var memory: UnsafeMutableRawPointer
    var capacity: Int
    var used: Int
  }

  static let arenaChunk = 4 << 20

  let pages: RecordPages
  let segments: ByteSegments
  var published = 0
  var statuses: [SourceStatus]
  var sourceStates: [SourceState]
  var levelCounts = Array(repeating: 0, count: 7)
  /// The oldest and newest record time written (Int64.max / .min before the first).
  var oldestTime = Int64.max
  var newestTime = Int64.min
  var byteCount = 0
  var arena: Arena?
  var tail: Tail?
  var lineCheckpoints = LineCheckpoints()
  /// Arena chunks in creation order with the last record written to each (chunks fill one
  /// after another, so those indices only grow); chunks before `chunksReleased` are gone.
  var chunks: [(segment: UInt32, lastRecord: Int)] = []
  var chunksReleased = 0
  var pagesReleased = 0
  /// Records that could not be kept: the records kept reached their limit (2^31; only
  /// without --keep-last or memory pressure) or the bytes had nowhere to go.
  var lostRecords = 0
  /// Blocks of dropped records, freed once no reader can be using them.
  var retired = RetiredMemory()

  init(pages: RecordPages, segments: ByteSegments, sources: [String]) {
    self.pages = pages
    self.segments = segments
    statuses = sources.map { SourceStatus(name: $0) }
    sourceStates = Array(repeating: SourceState(), count: sources.count)
  }

  /// Makes room for a source index beyond the names given at init.
  mutating func ensureSource(_ source: Int) {
    while statuses.count <= source {
      statuses.append(SourceStatus(name: "source \(statuses.count + 1)"))
      sourceStates.append(SourceState())
    }
  }

  /// True until the source's first record (since it started or started over) is written.
  mutating func isFresh(_ source: Int) -> Bool {
    ensureSource(source)
    return !sourceStates[source].started
  }

  /// Copies `bytes` into the arena. Returns where they went and whether they directly follow
  /// the growable last record of `source`.
  mutating func copyToArena(_ bytes: UnsafeRawBufferPointer, source: Int) -> (
    segment: UInt32, position: Int, followsTail: Bool
  )? {
    guard let from = bytes.baseAddress else { return nil }
    var followsTail = false
    if let arena, arena.capacity - arena.used >= bytes.count {
      if let tail, tail.index == published - 1, tail.source == source,
        tail.segment == arena.segment, tail.arenaEnd == arena.used
      {
        followsTail = true
      }
    } else {
      guard let chunk = segments.addChunk(capacity: max(Self.arenaChunk, bytes.count)) else {
        return nil
      }
      arena = Arena(
        segment: chunk.segment, memory: chunk.memory, capacity: max(Self.arenaChunk, bytes.count),
        used: 0)
      chunks.append((chunk.segment, -1))
    }
    guard var current = arena else { return nil }
    let position = current.used
    (current.memory + position).copyMemory(from: from, byteCount: bytes.count)
    current.used += bytes.count
    arena = current
    byteCount += bytes.count
    return (current.segment, position, followsTail)
  }

  /// Grows the last record so it ends at `end` (an offset in its segment). The bytes are
  /// already written; the releasing store makes them visible with the new length.
  mutating func extendTail(toSegmentOffset end: Int) {
    guard let tail else { return }
    let page = pages.page(of: tail.index)
    let slot = tail.index & RecordPage.mask
    let start = Int(page.offsets[slot])
    let length = UInt32(clamping: end - start)
    page.lengths[slot].store(length, ordering: .releasing)
    lineCheckpoints.forgetPrediction(source: tail.source)
  }

  /// Writes the records of `batch` (from `first` on) after the published ones. `delta` turns
  /// a record's start in the batch's buffer into its offset in `segment`. Returns how many
  /// records were written; the caller publishes the new count.
  mutating func write(
    _ batch: RecordBatch, from first: Int = 0, segment: UInt32, delta: Int, source: Int
  ) -> Int {
    ensureSource(source)
    var written = 0
    for k in first..<batch.count {
      guard writeRecord(batch, k, segment: segment, delta: delta, source: source) else {
        lostRecords += batch.count - k
        break
      }
      written += 1
    }
    sourceStates[source].lineBase += batch.lineCount
    return written
  }

  /// Writes record `k` of `batch` after the published ones and publishes it in `published`
  /// (callers store the count for readers). Line numbers count from the source's lineBase.
  mutating func writeRecord(
    _ batch: RecordBatch, _ k: Int, segment: UInt32, delta: Int, source: Int
  ) -> Bool {
    let index = published
    guard let page = pages.writablePage(of: index) else { return false }
    var state = sourceStates[source]
    let slot = index & RecordPage.mask
    page.offsets[slot] = UInt32(clamping: batch.starts[k] + delta)
    if let last = chunks.last, last.segment == segment {
      chunks[chunks.count - 1].lastRecord = index
    }
    page.lengths[slot].store(batch.lengths[k], ordering: .relaxed)
    let nextLine = k + 1 < batch.count ? Int(batch.lines[k + 1]) : batch.lineCount
    lineCheckpoints.record(
      index: index, source: source, line: state.lineBase + Int(batch.lines[k]) + 1,
      span: nextLine - Int(batch.lines[k]))
    page.segments[slot] = segment
    page.hashes[slot] = batch.hashes[k]
    page.sources[slot] = UInt16(clamping: source)
    var level = batch.levels[k]
    let timestamp = batch.timestamps[k]
    if timestamp != Int64.min {
      state.lastTimestamp = timestamp
      level |= RecordPage.hasTimestampBit
      oldestTime = min(oldestTime, timestamp)
      newestTime = max(newestTime, timestamp)
    }
    page.setTimestamp(state.lastTimestamp, at: slot)
    page.levels[slot] = level
    levelCounts[Int(batch.levels[k] & RecordPage.levelMask)] += 1
    state.started = true
    sourceStates[source] = state
    published += 1
    return true
  }

  /// Drops the records from `previous` (the first kept until now) to below `first`: their
  /// level counts, then the memory of every page and arena chunk holding only dropped
  /// records (the current chunk stays).
  mutating func release(from previous: Int, below first: Int) {
    guard first > previous else { return }
    for index in previous..<first {
      let level = pages.page(of: index).levels[index & RecordPage.mask] & RecordPage.levelMask
      levelCounts[Int(level)] -= 1
    }
    var chunkEnd = chunksReleased
    var intactFrom = pagesReleased << RecordPage.shift
    while chunkEnd < chunks.count - 1, chunks[chunkEnd].lastRecord < first {
      intactFrom = max(intactFrom, chunks[chunkEnd].lastRecord + 1)
      chunkEnd += 1
    }
    let pageEnd = first >> RecordPage.shift
    intactFrom = max(intactFrom, pageEnd << RecordPage.shift)
    guard chunkEnd > chunksReleased || pageEnd > pagesReleased else { return }
    // Line numbers are counted over records' bytes: anchor every source past what goes.
    let pages = self.pages
    let segments = self.segments
    for source in 0..<lineCheckpoints.sources.count {
      lineCheckpoints.anchor(source: source, at: intactFrom) { range in
        var line = 0
        for i in range where pages.page(of: i).sources[i & RecordPage.mask] == source {
          line += LineCheckpoints.span(of: Self.text(at: i, pages: pages, segments: segments))
        }
        return line
      }
    }
    let now = SystemClock.monotonicNanos()
    for chunk in chunks[chunksReleased..<chunkEnd] {
      if let block = segments.release(chunk.segment) { retired.retire(block, now: now) }
    }
    chunksReleased = chunkEnd
    if chunksReleased > 1024, chunksReleased * 2 > chunks.count {
      chunks.removeFirst(chunksReleased)
      chunksReleased = 0
    }
    while pagesReleased < pageEnd {
      if let base = pages.retire(page: pagesReleased) { retired.retire(.page(base), now: now) }
      pagesReleased += 1
    }
  }

  /// A published record's bytes (shared with LiveLog's readers).
  @inline(__always)
  static func text(at index: Int, pages: RecordPages, segments: ByteSegments)
    -> UnsafeRawBufferPointer
  {
    let page = pages.page(of: index)
    let slot = index & RecordPage.mask
    let start = segments.base(page.segments[slot]) + Int(page.offsets[slot])
    return UnsafeRawBufferPointer(
      start: start, count: Int(page.lengths[slot].load(ordering: .acquiring)))
  }

  /// The source starts over (rotation, truncation): line numbers restart and nothing it
  /// appends next continues an earlier record.
  mutating func restart(_ source: Int) {
    ensureSource(source)
    sourceStates[source].lineBase = 0
    sourceStates[source].started = false
    sourceStates[source].lastLine = []
    lineCheckpoints.forgetPrediction(source: source)
    if tail?.source == source { tail = nil }
  }
}
