import LogviewBundle
import LogviewCore
import LogviewSources
import LogviewTriage
import Synchronization

/// The headless SourceFeed: matches what the sources deliver and prints it (or counts it)
/// as it comes. Sources call it from their reader threads; one lock keeps the output whole
/// and in order.
final class PipelineFeed: SourceFeed, @unchecked Sendable {
  private let options: HeadlessOptions
  private let formatter: RecordFormatter
  /// Built once: every worker's normalizer shares it.
  private let plan: NormalizerPlan
  private let names: [[UInt8]]
  private let sink: OutputSink
  private let notice: @Sendable (String) -> Void
  private let lock = Mutex(())
  /// Where each source's next delivery starts (followed files and streams go on).
  private var positions: [Int: RecordWorker.Position] = [:]
  private var streamWorker: RecordWorker?
  private var lastCountShown: Int?
  /// Sources whose last word was a retry (said once on standard error until they recover).
  private var retrying: Set<Int> = []
  private(set) var matched = 0
  /// The report's samples (`--report histogram`, `latency`, `lint`), and the records it
  /// counted (for the lint: its findings).
  private var samples: [HistogramSamples] = []
  private var latency = LatencySamples()
  private var lint = LintSamples()
  private var patterns = PatternMiner()
  private(set) var reported = 0
  /// `--bundle`: the request's records, gathered in time order.
  private(set) var bundle: IncidentBundle?
  private(set) var sourceErrors: [SourceError] = []
  /// Why output stopped, if it did.
  private(set) var outputError: OutputError?
  /// Called once when no more input is wanted (the output failed or was closed).
  var onStop: (@Sendable () -> Void)?

  init(
    options: HeadlessOptions, names: [String], output: Int32,
    notice: @escaping @Sendable (String) -> Void
  ) {
    self.options = options
    self.formatter = RecordFormatter(
      format: options.format, color: options.color, zone: options.zone)
    self.plan = NormalizerPlan(options: options.normalizer)
    self.names = names.map { Array($0.utf8) }
    self.sink = OutputSink(fd: output)
    self.notice = notice
    if options.bundle != nil {
      bundle = IncidentBundle(
        id: (options.matcher.requestId ?? []).string, redaction: options.bundleRedaction)
    }
  }

  private var mode: RecordWorker.Mode {
    switch options.report?.kind {
    case .histogram: .tally
    case .latency: .latency
    case .lint: .lint
    case .patterns: .patterns
    case nil: options.countOnly ? .count : .format
    }
  }

  private func makeWorker(_ mode: RecordWorker.Mode) -> RecordWorker {
    RecordWorker(
      plan: plan, matcher: options.matcher, formatter: formatter, mode: mode,
      redact: options.redact)
  }

  func appendMapped(_ region: SourceRegion, source: Int) -> Bool {
    lock.withLock { _ in
      guard outputError == nil, scanMapped(region, source: source) else { return false }
      return delivered()
    }
  }

  func append(_ lines: UnsafeRawBufferPointer, source: Int) -> Bool {
    lock.withLock { _ in
      guard outputError == nil else { return false }
      let worker = streamWorker ?? makeWorker(mode)
      streamWorker = worker
      let position = positions[source] ?? RecordWorker.Position()
      let result = worker.process(
        lines, range: 0..<lines.count, at: position, sourceName: names[source])
      matched += result.matched
      keep(result)
      positions[source] = continuing(
        after: lines, from: position, matched: result.lastMatched, countingLines: lineNumbers)
      // A live source's lines show as they come, not when 1 MiB has piled up.
      return write(result.output) && flush() && delivered()
    }
  }

  func appendMerged(_ regions: [(region: SourceRegion, source: Int)]) -> Bool {
    lock.withLock { _ in
      guard outputError == nil else { return false }
      // A count or a report does not depend on the order: each region is read where it lies.
      if options.countOnly || options.report != nil {
        for (region, source) in regions where !scanMapped(region, source: source) {
          return false
        }
        return delivered()
      }
      let merged = MergedOutput(
        regions: regions, names: names, sortByTime: options.matcher.requestId != nil,
        numbered: numbered)
      let found = merged.collect { self.makeWorker(.collect) }
      let order = merged.order(found)
      matched += order.count
      if bundle != nil {
        merged.forEach(found, in: order, worker: makeWorker(.collect)) { bundle?.add($0) }
      } else {
        merged.write(found, in: order, worker: makeWorker(.format)) { write($0) }
      }
      for (region, source) in regions {
        positions[source] = continuing(
          after: region.bytes, from: nil, matched: false, countingLines: numbered && options.follow)
      }
      return delivered()
    }
  }

  func restart(source: Int) {
    lock.withLock { _ in positions[source] = nil }
  }

  func waiting(source: Int, _ waiting: Bool) {
    guard waiting else { return }
    lock.withLock { _ in
      notice("\(names[source].string) does not exist yet; waiting for it")
      _ = delivered()
    }
  }

  /// A source following live that fails says so once on standard error, and once more when
  /// it reads again (paging progress is for the explorer's status line only).
  func activity(source: Int, _ text: String?) {
    lock.withLock { _ in
      let name = source < names.count ? String(decoding: names[source], as: UTF8.self) : "?"
      if let text, text.hasPrefix("retrying") {
        if retrying.insert(source).inserted { notice("\(name): \(text)") }
      } else if text == nil, retrying.remove(source) != nil {
        notice("\(name): reading again")
      }
    }
  }

  func finish(source: Int, error: SourceError?) {
    guard let error else { return }
    lock.withLock { _ in sourceErrors.append(error) }
  }

  /// After the inputs ended: the count (when not following) or the report, and everything
  /// flushed.
  func finishOutput() throws(OutputError) {
    try lock.withLock { _ throws(OutputError) in
      if options.countOnly, !options.follow, outputError == nil {
        _ = write(Array("\(matched)\n".utf8))
      }
      if let report = options.report, outputError == nil { writeReport(report) }
      if outputError == nil { _ = flush() }
      if let outputError, outputError != .closed { throw outputError }
    }
  }

  // MARK: - Under the lock

  /// The report, once all input is in.
  private func writeReport(_ report: HeadlessReport) {
    // With --redact the report's text is masked too: a pattern's template, a lint detail or
    // a route can quote a record.
    let write = { (bytes: [UInt8]) in
      _ = self.write(self.options.redact ? RecordRedactor.redactedLines(bytes) : bytes)
    }
    let json = options.format == .json
    switch report.kind {
    case .histogram:
      let histogram = HistogramReport(
        zone: options.zone, color: options.color, json: json, step: report.bucketStep)
      let counted = histogram.histogram(samples)
      samples = []
      reported = counted.timed
      write(histogram.render(counted))
    case .latency:
      reported = latency.count
      write(LatencyReport(color: options.color, json: json).render(latency))
    case .lint:
      let verdict = LintVerdict(lint)
      reported = verdict.findingCount
      write(LintReport(color: options.color, json: json).render(verdict))
    case .patterns:
      reported = patterns.records
      let report = PatternReport(
        zone: options.zone, color: options.color, json: json, errorsFirst: report.errorsFirst,
        top: report.top)
      write(report.render(patterns))
    }
  }

  /// Scans one mapped region on all cores, printing or counting as it goes; false when the
  /// output failed.
  private func scanMapped(_ region: SourceRegion, source: Int) -> Bool {
    let mode = self.mode
    let scan = ParallelScan(
      makeWorker: { self.makeWorker(mode) }, needLineNumbers: lineNumbers,
      producesOutput: mode == .format, releasesScannedPages: !options.follow)
    var lastMatched = false
    var written = true
    scan.run(region.bytes, sourceName: names[source]) { result in
      matched += result.matched
      keep(result)
      lastMatched = result.lastMatched
      written = write(result.output)
      return written
    }
    // A mapped region goes on only when followed.
    positions[source] = continuing(
      after: region.bytes, from: nil, matched: lastMatched,
      countingLines: numbered && options.follow)
    return written
  }

  /// A piece's report samples: durations merged into the per-service histograms; times and
  /// levels kept, a stream's small deliveries joining the piece before.
  private func keep(_ result: RecordWorker.Result) {
    latency.merge(result.latency)
    lint.merge(result.lint)
    patterns.merge(result.patterns)
    let piece = result.samples
    guard piece.count > 0 else { return }
    if let last = samples.indices.last, samples[last].count < 1 << 16 {
      samples[last].append(contentsOf: piece)
    } else {
      samples.append(piece)
    }
  }

  /// Output carries line numbers (normalized records).
  private var numbered: Bool { !options.countOnly && options.format == .normalized }

  /// Records' line numbers are known: printed, or cited by the lint.
  private var lineNumbers: Bool { numbered || options.report?.kind == .lint }

  /// Where a source goes on after `bytes`; its lines are counted when later line numbers
  /// depend on them.
  private func continuing(
    after bytes: UnsafeRawBufferPointer, from position: RecordWorker.Position?, matched: Bool,
    countingLines: Bool
  ) -> RecordWorker.Position {
    var lines = position?.lines ?? 0
    if countingLines {
      lines += ByteCount.newlines(in: bytes) + (bytes.isEmpty || bytes.last == 0x0A ? 0 : 1)
    }
    return RecordWorker.Position(
      lines: lines, startsSource: false, continues: true,
      preceding: RecordSplitter.precedingShape(
        atEndOf: bytes, startsSource: position?.startsSource ?? true),
      previousMatched: matched)
  }

  /// While following, output goes out as it comes, and a count each time it changes.
  private func delivered() -> Bool {
    guard options.follow else { return outputError == nil }
    if options.countOnly, lastCountShown != matched {
      lastCountShown = matched
      guard write(Array("\(matched)\n".utf8)) else { return false }
    }
    return flush()
  }

  private func write(_ bytes: [UInt8]) -> Bool {
    guard outputError == nil else { return false }
    do {
      try sink.write(bytes)
      return true
    } catch {
      stop(error)
      return false
    }
  }

  private func flush() -> Bool {
    guard outputError == nil else { return false }
    do {
      try sink.flush()
      return true
    } catch {
      stop(error)
      return false
    }
  }

  private func stop(_ error: OutputError) {
    outputError = error
    onStop?()
  }

}

extension [UInt8] {
  var string: String { String(decoding: self, as: UTF8.self) }
}
