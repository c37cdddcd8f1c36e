import LogviewCore
import LogviewStore

/// The times of the filtered rows, for the histogram and for jumping to a time: their counts
/// per bucket (a TimeHistogram at the narrowest step that fits its capacity) and whether
/// they are in time order. Counted on first use and then kept up to date as rows arrive;
/// counted again from scratch only when the rows are replaced (a filter change) or rows left
/// the top (records dropped by --keep-last or the memory budget, whose times are gone).
final class RowTimes {
  /// Every row's time and level, at the narrowest bucket width that fits.
  private(set) var histogram = TimeHistogram()
  /// The rows with a time are in time order (none earlier than the one before).
  private(set) var ordered = true
  private var progress = RowProgress()
  /// Rows counted so far: [0, counted) of the snapshot this count is for.
  var counted: Int { progress.counted }
  /// Full counts from scratch so far (tests check that arrivals do not cause one).
  var rescans: Int { progress.rescans }
  private var lastTime = Int64.min
  /// The histogram at a wider step, kept up to date beside the narrow one while shown.
  private var wide: TimeHistogram?

  /// Rows a frame counts at most, so that counting 10M rows from scratch spreads over a few
  /// frames (the histogram shows its progress) instead of freezing one.
  static let rowsPerFrame = 1_000_000

  /// Rows of the last snapshot synced are still to be counted.
  private(set) var pending = false

  /// Brings the counts up to date with `snapshot`: counts the rows added since the last
  /// call, or all rows when they were replaced; at most `limit` rows per call.
  func sync(_ snapshot: FilteredSnapshot, log: LiveLog, zone: TimeZoneRule, limit: Int = .max) {
    let count = snapshot.count
    if !progress.continues(snapshot) {
      ordered = true
      lastTime = .min
      wide = nil
      histogram = TimeHistogram(shift: Self.shift(snapshot, log: log, zone: zone))
    }
    let end = count - counted > limit ? counted + limit : count
    pending = end < count
    guard counted < end else { return }
    // Counted in locals: a class's stored properties are checked for exclusive access on
    // each use, which cost more than the counting itself.
    var narrow = histogram
    histogram = TimeHistogram()
    var wider = wide
    wide = nil
    var inOrder = ordered
    var previous = lastTime
    for row in counted..<end {
      let record = log.record(at: snapshot.index(at: row))
      if let time = record.timestamp {
        if time < previous { inOrder = false }
        previous = time
      }
      narrow.add(time: record.timestamp, level: record.level)
      wider?.add(time: record.timestamp, level: record.level)
    }
    histogram = narrow
    wide = wider
    ordered = inOrder
    lastTime = previous
    progress.advance(to: end, in: snapshot)
  }

  /// The counts in buckets of `TimeHistogram.ladder[step]` (or the narrowest width held).
  func histogram(step: Int) -> TimeHistogram {
    guard step > histogram.step else { return histogram }
    if let wide, wide.step == step { return wide }
    let built = histogram.widened(to: step)
    wide = built
    return built
  }

  /// Bucket edges fall on local hours and midnights: the zone's offset at the newest row's
  /// time (a day bucket is off by the change across a daylight-saving switch).
  private static func shift(_ snapshot: FilteredSnapshot, log: LiveLog, zone: TimeZoneRule)
    -> Int64
  {
    var row = snapshot.count - 1
    let stop = max(0, row - 10_000)
    while row >= stop {
      if let time = log.record(at: snapshot.index(at: row)).timestamp {
        return Int64(zone.offsetSeconds(atUTC: time)) * 1_000_000_000
      }
      row -= 1
    }
    return 0
  }
}

extension ViewData {
  /// The rows' times, brought up to date with the current snapshot (`limit`: rows counted
  /// at most, the rest on later calls).
  func syncedRowTimes(limit: Int = .max) -> RowTimes {
    rowTimes.sync(snapshot, log: log, zone: zone, limit: limit)
    return rowTimes
  }
}
