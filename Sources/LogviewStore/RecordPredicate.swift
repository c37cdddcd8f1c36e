import LogviewCore
import LogviewQuery

/// A RecordMatcher applied to a LiveLog's records, taking its shortcuts from the log's
/// stored metadata: level-only selections read the stored levels, request-ID selections
/// compare the stored hashes first. Immutable; shared by the scanning threads.
struct RecordPredicate: Sendable {
  let matcher: RecordMatcher

  /// Records decided between two looks at `cancelled`. A regex can take milliseconds per
  /// record at its step limit, so a regex filter looks every 32 records: a newer filter or
  /// quitting then waits well under 100 ms, not seconds.
  let block: Int

  init(filter: Filter?) {
    matcher = RecordMatcher(filter: filter ?? .all)
    block = filter?.hasRegex == true ? 32 : 1024
  }

  /// True when every record passes.
  var isAll: Bool { matcher.matchesEverything }

  /// Appends the indices in `range` that pass to `out`, in ascending order. Returns false
  /// (leaving `out` partial) as soon as `cancelled` says so; it is asked every `block` records.
  func scan(
    _ range: Range<Int>, in log: LiveLog, normalizer: Normalizer, into out: inout [Int],
    cancelled: () -> Bool
  ) -> Bool {
    var start = range.lowerBound
    while start < range.upperBound {
      if cancelled() { return false }
      let end = min(range.upperBound, start + block)
      let page = log.pages.page(of: start)
      // The block divides the page size, so a block never crosses pages when aligned; an
      // unaligned start is clipped to its page's end.
      let blockEnd = min(end, (start | RecordPage.mask) + 1)
      // (Keep-everything filters never get here: the worker publishes them without a scan.)
      if let levelPasses = matcher.levelTable {
        let levels = page.levels
        for i in start..<blockEnd
        where levelPasses[Int(levels[i & RecordPage.mask] & RecordPage.levelMask)] {
          out.append(i)
        }
      } else if let requestHash = matcher.requestHash {
        let hashes = page.hashes
        for i in start..<blockEnd where hashes[i & RecordPage.mask] == requestHash {
          if evaluate(i, in: log, normalizer: normalizer) {
            out.append(i)
          }
        }
      } else {
        for i in start..<blockEnd where evaluate(i, in: log, normalizer: normalizer) {
          out.append(i)
        }
      }
      start = blockEnd
    }
    return true
  }

  @inline(__always)
  private func evaluate(_ index: Int, in log: LiveLog, normalizer: Normalizer) -> Bool {
    let text = log.text(at: index)
    return matcher.matches(
      text.bytes, firstLineLength: text.firstLineLength, normalizer: normalizer)
  }
}
