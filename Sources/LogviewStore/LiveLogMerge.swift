import LogviewCore
import LogviewSources
import Synchronization

extension LiveLog {
  /// Appends several mapped files merged by time (`logview api.log payment.log`): every file
  /// is indexed on all cores, then records are published in timestamp order without
  /// reordering any one file; a record without a timestamp stays after its predecessor.
  /// Files over 4 GiB are appended one after another instead.
  @discardableResult
  public func appendMerged(
    _ inputs: [(region: SourceRegion, source: Int)], progress: (@Sendable () -> Void)? = nil
  ) -> Int {
    let usable = inputs.filter { $0.region.bytes.baseAddress != nil && $0.region.bytes.count > 0 }
      .map { MergeInput(bytes: $0.region.bytes, owner: $0.region.owner, source: $0.source) }
    guard usable.count > 1, usable.allSatisfy({ $0.bytes.count <= Int(UInt32.max) }) else {
      return usable.reduce(0) {
        $0 + appendMapped($1.bytes, owner: $1.owner, source: $1.source, progress: progress)
      }
    }
    let totalBytes = usable.reduce(0) { $0 + $1.bytes.count }
    load.began(totalBytes)
    defer { load.finished(totalBytes) }
    let pieces = usable.map { RecordSplitter.chunkBoundaries(in: $0.bytes, target: pieceSize) }
    let segments: [UInt32] = writer.withLock { w in
      w.tail = nil
      return usable.compactMap { input in
        w.segments.retain(input.owner)
        w.byteCount += input.bytes.count
        w.ensureSource(input.source)
        return w.segments.add(input.bytes.baseAddress!)
      }
    }
    guard segments.count == usable.count else { return 0 }
    var merge = MergeState(files: usable.count)
    // Small first, so the first screen is quick; then larger, to pay the per-wave barrier
    // (parallel indexing, then the serial merge) less often.
    var wave = Parallel.cores * 2
    // Waves: index the next pieces of the files whose indexed records ran out (on all
    // cores), then merge while every unfinished file's next record is known, and publish.
    // The first screen comes after the first wave, not after indexing everything.
    while true {
      let wanted = merge.starving(pieceCounts: pieces.map(\.count))
      guard !wanted.isEmpty || merge.hasPending else { break }
      let share = max(1, wave / max(1, wanted.count))
      wave = min(wave * 2, Parallel.cores * 32)
      let jobs: [(file: Int, piece: Int)] = wanted.flatMap { f in
        (merge.indexedPieces[f]..<min(pieces[f].count, merge.indexedPieces[f] + share)).map {
          (f, $0)
        }
      }
      index(jobs, of: usable, pieces: pieces, into: &merge)
      let finished = (0..<usable.count).map { merge.indexedPieces[$0] == pieces[$0].count }
      let wrote = writer.withLock { w in
        let n = merge.write(into: &w, finished: finished, segments: segments, usable: usable)
        publish(&w)
        return n
      }
      merge.added += wrote
      progress?()
      if wrote == 0, wanted.isEmpty { break }
    }
    return merge.added
  }
}

extension LiveLog {
  /// Indexes the pieces `jobs` names on all cores and hands their batches to the merge.
  fileprivate func index(
    _ jobs: [(file: Int, piece: Int)], of usable: [MergeInput], pieces: [[Range<Int>]],
    into merge: inout MergeState
  ) {
    let batches = Parallel.map(jobs.count) { j in
      let range = pieces[jobs[j].file][jobs[j].piece]
      return pool.withNormalizer {
        UncheckedSendable(
          RecordBatch.build(
            usable[jobs[j].file].bytes, range: range, leadingContinues: false,
            startsSource: range.lowerBound == 0, normalizer: $0))
      }
    }
    for (j, job) in jobs.enumerated() {
      merge.perFile[job.file].append(batches[j].value)
      merge.indexedPieces[job.file] += 1
      load.published(pieces[job.file][job.piece].count)
    }
  }
}

/// One mapped file of a merged load.
struct MergeInput: @unchecked Sendable {
  var bytes: UnsafeRawBufferPointer
  var owner: AnyObject
  var source: Int
}

/// The k-way merge of appendMerged (TimeMerge), resumable between waves of indexing.
struct MergeState {
  var perFile: [[RecordBatch]]
  var indexedPieces: [Int]
  /// (batch, record) per file.
  var heads: [(batch: Int, record: Int)]
  var merge: TimeMerge
  var added = 0

  init(files: Int) {
    perFile = Array(repeating: [], count: files)
    indexedPieces = Array(repeating: 0, count: files)
    heads = Array(repeating: (0, 0), count: files)
    merge = TimeMerge(sources: files)
  }

  /// Files with nothing indexed left to merge and pieces still to index.
  func starving(pieceCounts: [Int]) -> [Int] {
    perFile.indices.filter { f in
      indexedPieces[f] < pieceCounts[f] && !hasRecords(f)
    }
  }

  var hasPending: Bool { perFile.indices.contains { hasRecords($0) } }

  func hasRecords(_ f: Int) -> Bool {
    var head = heads[f]
    while head.batch < perFile[f].count {
      if head.record < perFile[f][head.batch].count { return true }
      head = (head.batch + 1, 0)
    }
    return false
  }

  /// Writes records in time order until a file that is not `finished` has no indexed
  /// record left, so the order is exactly that of merging everything at once.
  mutating func write(
    into w: inout LogWriter, finished: [Bool], segments: [UInt32], usable: [MergeInput]
  ) -> Int {
    var written = 0
    while true {
      for f in perFile.indices { skipExhaustedBatches(f, &w, source: usable[f].source) }
      let pick = merge.pick { f in
        let (b, k) = heads[f]
        guard b < perFile[f].count else { return finished[f] ? .exhausted : .pending }
        let t = perFile[f][b].timestamps[k]
        return .record(t == Int64.min ? nil : t)
      }
      guard case .source(let best) = pick else { return written }
      let (b, k) = heads[best]
      guard
        w.writeRecord(
          perFile[best][b], k, segment: segments[best], delta: 0, source: usable[best].source)
      else { return written }
      let t = perFile[best][b].timestamps[k]
      merge.took(best, time: t == Int64.min ? nil : t)
      heads[best].record += 1
      written += 1
    }
  }

  /// Moves file `f`'s head past batches it has written, finishing their line counts.
  private mutating func skipExhaustedBatches(_ f: Int, _ w: inout LogWriter, source: Int) {
    var head = heads[f]
    while head.batch < perFile[f].count, head.record >= perFile[f][head.batch].count {
      w.sourceStates[source].lineBase += perFile[f][head.batch].lineCount
      perFile[f][head.batch] = RecordBatch()
      head = (head.batch + 1, 0)
    }
    heads[f] = head
  }
}
