import LogviewCore
import LogviewQuery
import LogviewStore

/// Runs normalize -> match -> format/collect over the records of one piece of input. One
/// worker per thread: it owns a Normalizer and an output buffer.
final class ChunkWorker {
  enum Mode {
    case count, format, collect
  }

  struct Result {
    var output: [UInt8] = []
    var matched = 0
    var store: RecordStore
    var lastMatched: Bool
  }

  let normalizer: Normalizer
  let presenter = RecordPresenter()
  let matcher: RecordMatcher
  let formatter: RecordFormatter
  let mode: Mode
  let needs: RecordNeeds

  init(
    options: NormalizerOptions, matcher: RecordMatcher, formatter: RecordFormatter, mode: Mode
  ) {
    self.normalizer = Normalizer(options: options)
    self.matcher = matcher
    self.formatter = formatter
    self.mode = mode
    switch mode {
    case .count: needs = matcher.needs
    case .format: needs = matcher.needs.union(formatter.needs)
    case .collect: needs = .all
    }
  }

  /// Processes `buffer[range]`, whose first line is line `baseLine + 1` of its source.
  func process(
    _ buffer: UnsafeRawBufferPointer, range: Range<Int>, baseLine: Int, source: UInt16,
    sourceName: [UInt8], leadingContinues: Bool = false, previousMatched: Bool = false
  ) -> Result {
    var result = Result(store: RecordStore(source: source), lastMatched: previousMatched)
    let slice = UnsafeRawBufferPointer(rebasing: buffer[range])
    if mode == .format { result.output.reserveCapacity(range.count + range.count / 2) }
    let everything = matcher.matchesEverything
    let rawTextOnly = matcher.rawTextOnly
    RecordSplitter.forEachRecord(in: slice, leadingContinues: leadingContinues) { span in
      let text = UnsafeRawBufferPointer(rebasing: slice[span.start..<span.end])
      if span.continuesPrevious {
        if result.lastMatched, mode == .format {
          let rawEnd = RecordSplitter.rawEnd(of: span.end, in: slice)
          formatter.appendContinuation(
            UnsafeRawBufferPointer(rebasing: slice[span.start..<rawEnd]), to: &result.output)
        }
        return
      }
      if everything, mode == .count {
        result.matched += 1
        return
      }
      if rawTextOnly, mode == .count {
        let keep = normalizer.withUnparsedRecord(text) { matcher.filter.matches($0) }
        result.matched += keep ? 1 : 0
        result.lastMatched = keep
        return
      }
      guard matcher.mayMatch(text) else {
        result.lastMatched = false
        return
      }
      let line = baseLine + span.firstLine + 1
      normalizer.withRecord(text, firstLineLength: span.firstLineLength, needs: needs) { record in
        guard everything || matcher.matches(record) else {
          result.lastMatched = false
          return
        }
        result.matched += 1
        result.lastMatched = true
        switch mode {
        case .count:
          break
        case .format:
          let rawEnd = RecordSplitter.rawEnd(of: span.end, in: slice)
          formatter.append(
            record, raw: UnsafeRawBufferPointer(rebasing: slice[span.start..<rawEnd]),
            source: sourceName, line: line, presenter: presenter, to: &result.output)
        case .collect:
          let offset = range.lowerBound + span.start
          let stored: Void? = record.withText(of: .requestId) { id in
            result.store.append(
              offset: offset, length: text.count, line: line, timestamp: record.timestamp,
              level: record.level, requestId: id)
          }
          if stored == nil {
            result.store.append(
              offset: offset, length: text.count, line: line, timestamp: record.timestamp,
              level: record.level, requestId: nil)
          }
        }
      }
    }
    return result
  }
}
