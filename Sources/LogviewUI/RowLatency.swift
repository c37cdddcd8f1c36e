import LogviewCore
import LogviewStore
import LogviewSystem
import LogviewTriage

/// The durations of the filtered rows per service and route, for the latency pane (`L`):
/// counted on first use, a slice per frame, then kept up to date as rows arrive; counted
/// again from scratch when the rows are replaced (a filter change) or rows left the top
/// (their durations cannot be taken out again).
final class RowLatency {
  private(set) var samples = LatencySamples()
  private var progress = RowProgress()
  /// Rows counted so far: [0, counted) of the snapshot this count is for.
  var counted: Int { progress.counted }
  /// Full counts from scratch so far (tests check that arrivals do not cause one).
  var rescans: Int { progress.rescans }
  /// Rows of the last snapshot synced are still to be counted.
  private(set) var pending = false
  private var cached: LatencyTable?

  /// Time a frame spends counting at most: each record is read (JSON scanned), so a large
  /// view takes a few frames and keys are answered between them.
  static let frameBudget: Int64 = 25_000_000

  /// The table of the rows counted so far, made once per count.
  var table: LatencyTable {
    if let cached { return cached }
    let made = LatencyTable(samples)
    cached = made
    return made
  }

  /// Brings the counts up to date with `data`'s snapshot: the rows added since the last
  /// call, or all rows when they were replaced; at most `limit` rows, and (with a `budget`)
  /// no longer than that many nanoseconds.
  func sync(_ data: ViewData, limit: Int = .max, budget: Int64? = nil) {
    let snapshot = data.snapshot
    let count = snapshot.count
    if !progress.continues(snapshot) {
      samples = LatencySamples()
      cached = nil
    }
    let end = count - counted > limit ? counted + limit : count
    pending = end < count
    guard counted < end else { return }
    let deadline = budget.map { SystemClock.monotonicNanos() + $0 }
    // Counted in a local: a class's stored property is checked for exclusive access per use.
    var counts = samples
    samples = LatencySamples()
    var row = counted
    while row < end {
      let index = snapshot.index(at: row)
      data.log.withText(at: index) { text, first in
        data.normalizer.withRecord(text, firstLineLength: first, needs: .text) {
          counts.append($0)
        }
      }
      row += 1
      if row & 1023 == 0, let deadline, SystemClock.monotonicNanos() >= deadline { break }
    }
    samples = counts
    cached = nil
    progress.advance(to: row, in: snapshot)
    pending = row < count
  }
}

extension ViewData {
  /// The rows' durations, brought up to date with the current snapshot (`budget`: the
  /// nanoseconds spent counting at most, the rest on later calls).
  func syncedLatency(limit: Int = .max, budget: Int64? = nil) -> RowLatency {
    rowLatency.sync(self, limit: limit, budget: budget)
    return rowLatency
  }
}
