import LogviewCore
import LogviewQuery
import LogviewTriage

/// Runs match -> format (or count, or collect) over the records of one piece of input. One
/// worker per thread: it owns a Normalizer, a RecordPresenter and its output buffer.
final class RecordWorker {
  enum Mode {
    /// Count matching records.
    case count
    /// Print matching records.
    case format
    /// Keep where matching records are, with their times, to print them merged later.
    case collect
    /// Keep each matching record's time and level, for the histogram report.
    case tally
    /// Keep each matching record's duration under its service, for the latency report.
    case latency
    /// Count what the logging lint checks in each matching record, per service.
    case lint
    /// Group matching records by message pattern, for the patterns report.
    case patterns
  }

  /// Where a piece of input starts, within its source.
  struct Position {
    /// Lines of the source before the piece (its first line is line `lines + 1`).
    var lines = 0
    /// The piece starts the source (a byte order mark may precede its first record).
    var startsSource = true
    /// The piece may begin with lines that continue the previous piece's last record.
    var continues = false
    /// What the previous piece's last line looked like (the rule reads the line before).
    var preceding: ContinuationRule.Preceding = []
    /// Whether that record matched (its continuation lines are printed with it).
    var previousMatched = false
  }

  struct Result {
    var output: [UInt8] = []
    var matched = 0
    var collected = MatchedRecords()
    var samples = HistogramSamples()
    var latency = LatencySamples()
    var lint = LintSamples()
    var patterns = PatternMiner()
    var lastMatched: Bool
  }

  let normalizer: Normalizer
  let presenter = RecordPresenter()
  let matcher: RecordMatcher
  let formatter: RecordFormatter
  let mode: Mode
  /// What printing or collecting a match reads, beyond what the matcher does.
  let needs: RecordNeeds
  /// Line numbers are printed (normalized output) or cited (the lint's examples), so skipped
  /// stretches are counted.
  let countsLines: Bool
  /// --redact: what is printed is masked.
  let redactor: RecordRedactor?

  init(
    plan: NormalizerPlan, matcher: RecordMatcher, formatter: RecordFormatter, mode: Mode,
    redact: Bool = false
  ) {
    self.normalizer = Normalizer(plan: plan)
    redactor = redact && mode == .format ? RecordRedactor(plan: plan) : nil
    self.matcher = matcher
    self.formatter = formatter
    self.mode = mode
    countsLines = formatter.format == .normalized || mode == .lint
    switch mode {
    case .count: needs = []
    case .format: needs = formatter.needs
    case .collect: needs = .timestamp
    case .tally: needs = [.timestamp, .level]
    case .latency: needs = .text
    case .lint: needs = .all
    case .patterns: needs = [.timestamp, .level, .text]
    }
  }

  /// Processes `buffer[range]`, which starts where `position` says within its source.
  func process(
    _ buffer: UnsafeRawBufferPointer, range: Range<Int>, at position: Position,
    sourceName: [UInt8]
  ) -> Result {
    var result = Result(lastMatched: position.previousMatched)
    if mode == .format { result.output.reserveCapacity(range.count + range.count / 2) }
    // A large piece that does not go on with a printed record jumps between occurrences of
    // a string every match holds (a request ID, a verbatim value) instead of reading every
    // record.
    if let anchor = matcher.anchor, range.count >= Self.anchoredMinimum,
      !(position.continues && position.previousMatched)
    {
      processAnchored(
        buffer, range: range, at: position, anchor: anchor, sourceName: sourceName, &result)
    } else {
      processRecords(buffer, range: range, at: position, sourceName: sourceName, &result)
    }
    return result
  }

  /// Pieces smaller than this are read record by record.
  static let anchoredMinimum = 64 << 10

  /// Every record of `buffer[range]`, in order.
  private func processRecords(
    _ buffer: UnsafeRawBufferPointer, range: Range<Int>, at position: Position,
    sourceName: [UInt8], _ result: inout Result
  ) {
    let slice = UnsafeRawBufferPointer(rebasing: buffer[range])
    // Copied once here, not per record (a class property read per record is copied each time).
    let matcher = matcher
    let counting = mode == .count
    let everything = matcher.matchesEverything
    // The two fields the records need, not the whole position: each record's call unpacks
    // what the closure holds.
    let lines = position.lines
    let startsSource = position.startsSource
    RecordSplitter.forEachRecord(
      in: slice, leadingContinues: position.continues, after: position.preceding,
      startsSource: position.startsSource
    ) { span in
      let text = UnsafeRawBufferPointer(rebasing: slice[span.start..<span.end])
      if span.continuesPrevious {
        if result.lastMatched, mode == .format {
          let raw = RecordSplitter.rawRange(
            start: span.start, end: span.end, in: slice, startsSource: false)
          writeContinuation(UnsafeRawBufferPointer(rebasing: slice[raw]), to: &result.output)
        }
        return
      }
      if everything, counting {
        result.matched += 1
        return
      }
      let keep =
        counting
        ? matcher.matches(text, firstLineLength: span.firstLineLength, normalizer: normalizer)
        : matcher.withMatch(
          text, firstLineLength: span.firstLineLength, normalizer: normalizer, needs: needs
        ) { record in
          take(
            record, span: span, of: slice, range: range, lines: lines, startsSource: startsSource,
            sourceName, &result)
        }
      result.matched += keep ? 1 : 0
      result.lastMatched = keep
    }
  }

  /// Reads only the records holding the anchor (and, unless it is strict, those with a
  /// backslash, whose JSON escapes could spell it); the others cannot match.
  private func processAnchored(
    _ buffer: UnsafeRawBufferPointer, range: Range<Int>, at position: Position,
    anchor: (search: SubstringSearch, strict: Bool), sourceName: [UInt8], _ result: inout Result
  ) {
    let slice = UnsafeRawBufferPointer(rebasing: buffer[range])
    var cursor = 0
    var lines = position.lines
    // Records from `cursor` to `end` are passed over, or read; either way lines are counted.
    func skip(to end: Int) {
      guard end > cursor else { return }
      if countsLines { lines += ByteCount.newlines(in: slice, cursor..<end) }
      result.lastMatched = false
      cursor = end
    }
    func read(to end: Int) {
      guard end > cursor else { return }
      var at = position
      at.lines = lines
      at.startsSource = position.startsSource && cursor == 0
      at.continues = false
      let part = (range.lowerBound + cursor)..<(range.lowerBound + end)
      processRecords(buffer, range: part, at: at, sourceName: sourceName, &result)
      if countsLines { lines += ByteCount.newlines(in: slice, cursor..<end) }
      cursor = end
    }
    // The record holding `offset` (which is at or after `cursor`), read.
    let startsSource = position.startsSource
    func readRecord(at offset: Int) {
      skip(
        to: RecordSplitter.recordStart(
          of: offset, in: slice, notBefore: cursor, startsSource: startsSource))
      read(to: RecordSplitter.nextRecordStart(after: offset, in: slice, startsSource: startsSource))
    }
    while cursor < slice.count {
      let hit = anchor.search.firstRange(in: slice, from: cursor)
      let stretchEnd =
        hit.map {
          RecordSplitter.recordStart(
            of: $0.lowerBound, in: slice, notBefore: cursor, startsSource: startsSource)
        } ?? slice.count
      while !anchor.strict, cursor < stretchEnd,
        let backslash = ByteScan.firstIndex(of: 0x5C, in: slice, cursor..<stretchEnd)
      {
        readRecord(at: backslash)
      }
      skip(to: stretchEnd)
      guard let hit else { break }
      readRecord(at: hit.lowerBound)
    }
  }

  /// A matching record: printed, or its place kept for a merged output.
  @inline(__always)
  private func take(
    _ record: RecordView, span: RecordSpan, of slice: UnsafeRawBufferPointer, range: Range<Int>,
    lines: Int, startsSource: Bool, _ sourceName: [UInt8], _ result: inout Result
  ) {
    switch mode {
    case .count:
      break
    case .format:
      let raw = RecordSplitter.rawRange(
        start: span.start, end: span.end, in: slice, startsSource: startsSource)
      write(
        record, raw: UnsafeRawBufferPointer(rebasing: slice[raw]),
        text: (span.start - raw.lowerBound)..<(span.end - raw.lowerBound), source: sourceName,
        line: lines + span.firstLine + 1, to: &result.output)
    case .collect:
      result.collected.append(
        offset: range.lowerBound + span.start, length: span.end - span.start,
        line: lines + span.firstLine + 1, timestamp: record.timestamp)
    case .tally:
      result.samples.append(time: record.timestamp, level: record.level)
    case .latency:
      result.latency.append(record)
    case .lint:
      result.lint.append(record, source: sourceName, line: lines + span.firstLine + 1)
    case .patterns:
      result.patterns.add(record)
    }
  }

  /// Prints a record through the formatter, masked first with --redact. `text` is where the
  /// record is within `raw`.
  @inline(__always)
  func write(
    _ record: RecordView, raw: UnsafeRawBufferPointer, text: Range<Int>, source: [UInt8],
    line: Int, to out: inout [UInt8]
  ) {
    guard let redactor else {
      formatter.append(
        record, raw: raw, source: source, line: line, presenter: presenter, to: &out)
      return
    }
    redactor.withRedacted(
      record, raw: raw, textStart: text.lowerBound, textCount: text.count, needs: formatter.needs
    ) { record, raw in
      formatter.append(
        record, raw: raw, source: source, line: line, presenter: presenter, to: &out)
    }
  }

  private func writeContinuation(_ raw: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    guard let redactor else { return formatter.appendContinuation(raw, to: &out) }
    redactor.withRedacted(raw) { formatter.appendContinuation($0, to: &out) }
  }
}
