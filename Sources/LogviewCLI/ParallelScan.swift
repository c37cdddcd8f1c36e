import Dispatch
import Foundation
import LogviewCore

/// Processes one in-memory input on all cores: split at record boundaries, run a ChunkWorker
/// per piece, hand the results back in input order.
struct ParallelScan {
  let makeWorker: () -> ChunkWorker
  let needLineNumbers: Bool
  /// True when results carry formatted output (memory grows with the batch).
  var producesOutput = true
  var chunkSize = 2 << 20

  static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Calls `deliver` with each piece's result, in order; stops early if it returns false.
  func run(
    _ bytes: UnsafeRawBufferPointer, source: UInt16, sourceName: [UInt8],
    _ deliver: (ChunkWorker.Result) -> Bool
  ) {
    let ranges = RecordSplitter.chunkBoundaries(in: bytes, target: chunkSize)
    var baseLines = Array(repeating: 0, count: ranges.count)
    if needLineNumbers, ranges.count > 1 {
      let counts = Self.parallelMap(ranges.count) { i in
        ByteCount.newlines(in: UnsafeRawBufferPointer(rebasing: bytes[ranges[i]]))
      }
      for i in 1..<ranges.count { baseLines[i] = baseLines[i - 1] + counts[i - 1] }
    }
    // Output-producing scans go in batches to bound memory; counting and indexing keep
    // only small results, so all pieces run at once and no core waits at a batch barrier.
    let batchSize = producesOutput ? Self.cores * 4 : ranges.count
    var next = 0
    while next < ranges.count {
      let batch = next..<min(next + batchSize, ranges.count)
      let results = Self.parallelMap(batch.count) { i in
        let index = batch.lowerBound + i
        return makeWorker().process(
          bytes, range: ranges[index], baseLine: baseLines[index], source: source,
          sourceName: sourceName)
      }
      for result in results where !deliver(result) { return }
      next = batch.upperBound
    }
  }

  /// `transform(i)` for i in 0..<count on all cores, results in index order.
  static func parallelMap<T>(_ count: Int, _ transform: (Int) -> T) -> [T] {
    if count == 1 { return [transform(0)] }
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
      // Release what the slots hold before freeing them, or every result leaks.
      _ = slots.deinitialize()
      slots.deallocate()
    }
    withoutActuallyEscaping(transform) { transform in
      let box = UncheckedBox((transform, slots))
      DispatchQueue.concurrentPerform(iterations: count) { i in
        box.value.1[i] = box.value.0(i)
      }
    }
    return slots.map { $0! }
  }
}

/// Lets a closure and a buffer cross into concurrentPerform; each index is written by exactly
/// one iteration, so there is no shared mutation.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
