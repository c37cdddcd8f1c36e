import LogviewCore
import LogviewSystem

/// Processes one in-memory input on all cores: split at record boundaries, run a
/// RecordWorker per piece, hand the results back in input order.
struct ParallelScan {
  let makeWorker: () -> RecordWorker
  let needLineNumbers: Bool
  /// True when results carry formatted output (memory grows with the batch).
  var producesOutput = true
  var chunkSize = 2 << 20
  /// True when nothing reads the input again after its piece is scanned (a file not
  /// followed): each piece's pages are handed back by the core that scanned it. Otherwise
  /// the process's exit unmaps them all on one core (6 ms for 250 MB).
  var releasesScannedPages = false

  /// Calls `deliver` with each piece's result, in order; stops early if it returns false.
  /// `bytes` starts its source.
  func run(
    _ bytes: UnsafeRawBufferPointer, sourceName: [UInt8],
    _ deliver: (RecordWorker.Result) -> Bool
  ) {
    let ranges = RecordSplitter.chunkBoundaries(in: bytes, target: chunkSize)
    var baseLines = Array(repeating: 0, count: ranges.count)
    if needLineNumbers, ranges.count > 1 {
      let counts = Parallel.map(ranges.count) { i in
        ByteCount.newlines(in: UnsafeRawBufferPointer(rebasing: bytes[ranges[i]]))
      }
      for i in 1..<ranges.count { baseLines[i] = baseLines[i - 1] + counts[i - 1] }
    }
    // Output-producing scans go in batches to bound memory; counting and indexing keep
    // only small results, so all pieces run at once and no core waits at a batch barrier.
    let batchSize = producesOutput ? Parallel.cores * 4 : ranges.count
    var next = 0
    while next < ranges.count {
      let batch = next..<min(next + batchSize, ranges.count)
      let results = Parallel.map(batch.count) { i in
        let index = batch.lowerBound + i
        let position = RecordWorker.Position(lines: baseLines[index], startsSource: index == 0)
        let result = makeWorker().process(
          bytes, range: ranges[index], at: position, sourceName: sourceName)
        if releasesScannedPages {
          MemoryRelease.discardMapped(UnsafeRawBufferPointer(rebasing: bytes[ranges[index]]))
        }
        return result
      }
      for result in results where !deliver(result) { return }
      next = batch.upperBound
    }
  }
}
