import LogviewCore
import Synchronization

/// One memory-mapped file for a merged load.
public struct MergeInput: @unchecked Sendable {
  public var bytes: UnsafeRawBufferPointer
  public var owner: AnyObject
  public var source: Int
  public init(bytes: UnsafeRawBufferPointer, owner: AnyObject, source: Int) {
    self.bytes = bytes
    self.owner = owner
    self.source = source
  }
}

extension LiveLog {
  /// Appends several mapped files merged by time (`logview api.log payment.log`): every file
  /// is indexed on all cores, then records are published in timestamp order without
  /// reordering any one file; a record without a timestamp stays after its predecessor.
  /// Files over 4 GiB are appended one after another instead.
  @discardableResult
  public func appendMerged(_ inputs: [MergeInput], progress: (@Sendable () -> Void)? = nil) -> Int {
    let usable = inputs.filter { $0.bytes.baseAddress != nil && $0.bytes.count > 0 }
    guard usable.count > 1, usable.allSatisfy({ $0.bytes.count <= Int(UInt32.max) }) else {
      return usable.reduce(0) {
        $0 + appendMapped($1.bytes, owner: $1.owner, source: $1.source, progress: progress)
      }
    }
    let totalBytes = usable.reduce(0) { $0 + $1.bytes.count }
    loadTotal.add(totalBytes, ordering: .relaxed)
    defer {
      loadPublished.add(totalBytes, ordering: .relaxed)
      loadDone.add(totalBytes, ordering: .relaxed)
    }
    // Index every piece of every file in parallel.
    let pieces: [(file: Int, range: Range<Int>)] = usable.enumerated().flatMap { file, input in
      RecordSplitter.chunkBoundaries(in: input.bytes, target: pieceSize).map { (file, $0) }
    }
    let batches = Parallel.map(pieces.count) { i in
      pool.withNormalizer {
        UncheckedSendable(
          RecordBatch.build(
            usable[pieces[i].file].bytes, range: pieces[i].range, leadingContinues: false,
            normalizer: $0))
      }
    }
    var perFile = Array(repeating: [RecordBatch](), count: usable.count)
    for (i, piece) in pieces.enumerated() { perFile[piece.file].append(batches[i].value) }

    return writer.withLock { w in
      var segments: [UInt32] = []
      for input in usable {
        w.segments.retain(input.owner)
        guard let segment = w.segments.add(input.bytes.baseAddress!) else { return 0 }
        segments.append(segment)
        w.byteCount += input.bytes.count
        w.ensureSource(input.source)
      }
      w.tail = nil
      // Heads: (batch, record) per file, and the time each file's next record sorts by.
      var heads = Array(repeating: (batch: 0, record: 0), count: usable.count)
      var lastTime = Array(repeating: Int64.min, count: usable.count)
      var added = 0
      while true {
        var best = -1
        var bestTime = Int64.max
        for f in usable.indices {
          var head = heads[f]
          // Skip exhausted batches, finishing their line counts.
          while head.batch < perFile[f].count, head.record >= perFile[f][head.batch].count {
            w.sourceStates[usable[f].source].lineBase += perFile[f][head.batch].lineCount
            head = (head.batch + 1, 0)
          }
          heads[f] = head
          guard head.batch < perFile[f].count else { continue }
          let t = perFile[f][head.batch].timestamps[head.record]
          let key = t == Int64.min ? lastTime[f] : t
          if best < 0 || key < bestTime {
            best = f
            bestTime = key
          }
        }
        guard best >= 0 else { break }
        let (b, k) = heads[best]
        let batch = perFile[best][b]
        guard
          w.writeRecord(batch, k, segment: segments[best], delta: 0, source: usable[best].source)
        else { break }
        if batch.timestamps[k] != Int64.min { lastTime[best] = batch.timestamps[k] }
        heads[best].record += 1
        added += 1
        // Readers see the merged log fill in as it is written.
        if added & 0xFFFF == 0 {
          publish(&w)
          progress?()
        }
      }
      publish(&w)
      return added
    }
  }
}
