import Glibc
import LogviewCore
import LogviewQuery
import LogviewSources
import LogviewStore

/// Prints (or counts) the records that pass the selection, then exits — or keeps following.
final class HeadlessRunner {
  let settings: RunSettings
  let sink: OutputSink
  let formatter: RecordFormatter

  init(settings: RunSettings, sink: OutputSink = OutputSink()) {
    self.settings = settings
    self.sink = sink
    self.formatter = RecordFormatter(
      output: settings.output, color: settings.color, zone: settings.zone)
  }

  private func makeWorker(_ mode: ChunkWorker.Mode) -> ChunkWorker {
    ChunkWorker(
      options: settings.normalizer, matcher: settings.matcher, formatter: formatter, mode: mode)
  }

  /// Returns the number of matching records.
  func run() throws(LogviewError) -> Int {
    let sources = try InputSource.open(settings.paths, awaitMissing: settings.follow)
    if settings.follow {
      for source in sources {
        source.holdBackPartialLine()
        if source.awaited {
          LogviewMain.writeAll(
            STDERR_FILENO, "logview: \(source.name) does not exist yet; waiting for it\n")
        }
      }
    }
    var matched = 0
    do {
      if sources.count == 1 && settings.matcher.requestId == nil {
        matched = try runSingle(sources[0])
      } else {
        matched = try runMerged(sources)
      }
      if settings.countOnly {
        try sink.write(Array("\(matched)\n".utf8))
      }
      try sink.flush()
      if settings.follow {
        try follow(
          sources.filter { ($0.mapped != nil || $0.awaited) && $0.name != "-" },
          matchedSoFar: matched)
      }
    } catch let closed as OutputSink.Closed {
      _ = closed
    } catch let error as LogviewError {
      throw error
    } catch {
      throw .usage("\(error)")
    }
    return matched
  }

  private func runSingle(_ source: InputSource) throws -> Int {
    let mode: ChunkWorker.Mode = settings.countOnly ? .count : .format
    if source.mapped != nil {
      var matched = 0
      var closed = false
      var scan = ParallelScan(
        makeWorker: { self.makeWorker(mode) }, needLineNumbers: settings.output == .normalized)
      scan.producesOutput = mode == .format
      source.withBytes { bytes in
        scan.run(bytes, source: 0, sourceName: source.nameBytes) { result in
          matched += result.matched
          do {
            try sink.write(result.output)
            return true
          } catch {
            closed = true
            return false
          }
        }
      }
      if closed { throw OutputSink.Closed() }
      return matched
    }
    guard let stream = source.stream else { return 0 }
    let processor = StreamProcessor(
      worker: makeWorker(mode), source: 0, sourceName: source.nameBytes)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { chunk.deallocate() }
    while true {
      let n: Int
      do {
        n = try stream.read(into: chunk)
      } catch {
        throw LogviewError.source(error)
      }
      if n == 0 { break }
      try sink.write(processor.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<n])))
      // A live pipe should show lines as they come, not when 1 MiB has piled up.
      try sink.flush()
    }
    try sink.write(processor.finish())
    return processor.matched
  }

  /// Several sources (or a request timeline): index matching records of each source, order them
  /// by time, then format them in that order.
  private func runMerged(_ sources: [InputSource]) throws -> Int {
    var stores: [RecordStore] = []
    for (index, source) in sources.enumerated() {
      try source.readStreamFully()
      var store = RecordStore(source: UInt16(clamping: index))
      var scan = ParallelScan(makeWorker: { self.makeWorker(.collect) }, needLineNumbers: true)
      scan.producesOutput = false
      source.withBytes { bytes in
        scan.run(bytes, source: UInt16(clamping: index), sourceName: source.nameBytes) { result in
          store.append(contentsOf: result.store)
          return true
        }
      }
      stores.append(store)
    }
    let order =
      settings.matcher.requestId != nil
      ? MergedOrder.sortedByTime(stores) : MergedOrder.byTime(stores)
    guard !settings.countOnly else { return order.count }
    let normalizer = Normalizer(options: settings.normalizer)
    let presenter = RecordPresenter()
    var out: [UInt8] = []
    for ref in order {
      let store = stores[ref.store]
      let source = sources[ref.store]
      let offset = Int(store.offsets[ref.index])
      let length = Int(store.lengths[ref.index])
      let line = Int(store.lines[ref.index])
      source.withBytes { bytes in
        let end = offset + length
        let text = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
        let rawEnd = RecordSplitter.rawEnd(of: end, in: bytes)
        normalizer.withRecord(
          text, firstLineLength: RecordSplitter.firstLineLength(of: text), needs: formatter.needs
        ) { record in
          formatter.append(
            record, raw: UnsafeRawBufferPointer(rebasing: bytes[offset..<rawEnd]),
            source: source.nameBytes, line: line, presenter: presenter, to: &out)
        }
      }
      if out.count >= 1 << 20 {
        try sink.write(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    try sink.write(out)
    return order.count
  }

  /// Like `tail -F` on every file: print matching records as they are appended.
  private func follow(_ sources: [InputSource], matchedSoFar: Int) throws {
    guard !sources.isEmpty else { return }
    let mode: ChunkWorker.Mode = settings.countOnly ? .count : .format
    var followers: [(FileFollower, StreamProcessor)] = []
    for (index, source) in sources.enumerated() {
      // From the end of what was printed (a held-back partial line is read again whole);
      // a file that does not exist yet from its start once it appears.
      let follower =
        source.mapped.map { file in
          FileFollower(
            path: source.name, descriptor: file.takeDescriptor(),
            offset: Int64(source.withBytes { $0.count }))
        } ?? FileFollower(awaiting: source.name)
      let processor = StreamProcessor(
        worker: makeWorker(mode), source: UInt16(clamping: index), sourceName: source.nameBytes)
      followers.append((follower, processor))
    }
    var lastCount = matchedSoFar
    while true {
      var sawData = false
      for (follower, processor) in followers {
        let (bytes, rotated) = follower.readNew()
        if rotated { processor.restart() }
        guard !bytes.isEmpty else { continue }
        sawData = true
        let output = bytes.withUnsafeBytes { processor.feed($0) }
        try sink.write(output)
      }
      if settings.countOnly {
        let total = matchedSoFar + followers.reduce(0) { $0 + $1.1.matched }
        if total != lastCount {
          try sink.write(Array("\(total)\n".utf8))
          lastCount = total
        }
      }
      try sink.flush()
      if !sawData { usleep(200_000) }
    }
  }
}
