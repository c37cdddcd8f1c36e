import Glibc
import LogviewCore

/// Feeds arbitrary byte chunks of one source through a ChunkWorker, processing only complete
/// lines and carrying the partial last line to the next chunk. Used for stdin and follow mode.
final class StreamProcessor {
  private let worker: ChunkWorker
  private let source: UInt16
  private let sourceName: [UInt8]
  private var carry: [UInt8] = []
  private var lines = 0
  private var lastMatched = false
  private var started = false
  private(set) var matched = 0

  init(worker: ChunkWorker, source: UInt16, sourceName: [UInt8]) {
    self.worker = worker
    self.source = source
    self.sourceName = sourceName
  }

  /// Processes the complete lines in `chunk`; returns their output.
  func feed(_ chunk: UnsafeRawBufferPointer) -> [UInt8] {
    guard chunk.count > 0 else { return [] }
    guard let lastNewline = ByteScan.lastIndex(of: 0x0A, in: chunk) else {
      carry.append(contentsOf: chunk)
      return []
    }
    let completeEnd = lastNewline + 1
    let output: [UInt8]
    if carry.isEmpty {
      output = run(UnsafeRawBufferPointer(rebasing: chunk[0..<completeEnd]))
    } else {
      carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<completeEnd]))
      let joined = carry
      carry.removeAll(keepingCapacity: true)
      output = joined.withUnsafeBytes { run($0) }
    }
    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[completeEnd...]))
    return output
  }

  /// End of input: the last line, even without its newline, is still a line.
  func finish() -> [UInt8] {
    guard !carry.isEmpty else { return [] }
    let last = carry
    carry.removeAll()
    return last.withUnsafeBytes { run($0) }
  }

  /// The file was replaced or truncated: a partial line from before belongs to nothing now.
  func restart() {
    carry.removeAll()
    lines = 0
    lastMatched = false
    started = false
  }

  private func run(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    let result = worker.process(
      bytes, range: 0..<bytes.count, baseLine: lines, source: source, sourceName: sourceName,
      leadingContinues: started, previousMatched: lastMatched)
    started = true
    lines += ByteCount.newlines(in: bytes) + (bytes.last == 0x0A ? 0 : 1)
    lastMatched = result.lastMatched
    matched += result.matched
    return result.output
  }
}
