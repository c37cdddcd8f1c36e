import LogviewCore
import LogviewStore

/// `T`: the time a prompt means and the first row at or after it.
///
/// Times read as the filter's `since:` reads them (TimestampParser.parseBound), with "now"
/// being the newest record loaded (the log's last record with a time), live or not: a bare
/// time of day is that time on the newest record's day, `-15m` is 15 minutes before it. When
/// following live input the newest record is about now; an archived file is about its own
/// day, not today.
///
/// The rows are searched in halves when their times are in order (records are merged by
/// time, so they usually are; RowTimes knows). When some are not (a file written out of
/// order, sources arriving live), every row is looked at and the jump goes to the earliest
/// time at or after the one asked for, first in the view when several share it.
enum TimeJump {
  /// The instant `text` means, or why it means none.
  static func target(_ text: String, newest: Int64, zone: TimeZoneRule) -> Result<
    Int64, TimeJumpError
  > {
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty else { return .failure(.empty) }
    guard let time = TimestampParser.parseBound(trimmed, now: newest, zone: zone) else {
      return .failure(.notATime(MessageText.safe(trimmed)))
    }
    return .success(time)
  }

  /// The time of the log's last record that has one.
  static func newestTime(in log: LiveLog) -> Int64? {
    var index = log.count - 1
    let first = log.firstKeptIndex
    while index >= first {
      if let time = log.record(at: index).timestamp { return time }
      index -= 1
    }
    return nil
  }

  /// The first row whose time is at or after `target` (see the type's note for rows out of
  /// order); nil when there is none.
  static func firstRow(atOrAfter target: Int64, data: ViewData) -> Int? {
    let times = data.syncedRowTimes()
    return times.ordered
      ? firstRowInOrder(atOrAfter: target, data: data)
      : earliestRow(atOrAfter: target, data: data)
  }

  /// Binary search over rows in time order; rows without a time are passed over.
  static func firstRowInOrder(atOrAfter target: Int64, data: ViewData) -> Int? {
    var low = 0
    var high = data.rowCount
    var found: Int?
    while low < high {
      let mid = low + (high - low) / 2
      // The first row with a time at or after mid (before high).
      var row = mid
      var time: Int64?
      while row < high {
        time = data.log.record(at: data.logIndex(row: row)).timestamp
        if time != nil { break }
        row += 1
      }
      guard let time else {
        high = mid
        continue
      }
      if time >= target {
        found = row
        high = mid
      } else {
        low = row + 1
      }
    }
    return found
  }

  /// Every row looked at: the earliest time at or after `target`, the first row with it.
  static func earliestRow(atOrAfter target: Int64, data: ViewData) -> Int? {
    var best: (row: Int, time: Int64)?
    for row in 0..<data.rowCount {
      guard let time = data.log.record(at: data.logIndex(row: row)).timestamp, time >= target
      else { continue }
      if best == nil || time < best!.time { best = (row, time) }
    }
    return best?.row
  }
}
