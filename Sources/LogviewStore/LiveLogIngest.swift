import LogviewCore
import Synchronization

/// Writing into the log: copied appends (streams, followed growth) and mapped files
/// indexed in place on all cores.
extension LiveLog {
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
    // The first bytes since the source started (or started over) may begin with a BOM; the
    // source's last line so far is the line before these.
    let (fresh, preceding) = writer.withLock {
      ($0.isFresh(source), $0.sourceStates[source].lastLine)
    }
    let ranges =
      bytes.count >= parallelAppend
      ? RecordSplitter.chunkBoundaries(
        in: bytes, target: max(pieceSize / 8, bytes.count / (Parallel.cores * 2)),
        startsSource: fresh)
      : [0..<bytes.count]
    let lastLine = RecordSplitter.precedingShape(atEndOf: bytes, startsSource: fresh)
    let batches = Parallel.map(ranges.count) { i in
      pool.withNormalizer {
        RecordBatch.build(
          bytes, range: ranges[i], leadingContinues: i == 0, after: i == 0 ? preceding : [],
          startsSource: fresh && i == 0, normalizer: $0)
      }
    }
    return writer.withLock { w in
      w.sourceStates[source].lastLine = lastLine
      // At the limit of records kept nothing more is kept, so nothing more is copied.
      guard pages.hasRoom(for: w.published), let placed = w.copyToArena(bytes, source: source)
      else {
        w.lostRecords += batches.reduce(0) { $0 + $1.count }
        return 0
      }
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
    load.began(bytes.count)
    defer { load.finished(bytes.count) }
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
          load.published(range.count)
          if order.next % 8 == 1 { progress?() }
        }
      }
    }
    return order.withLock { $0.added }
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
