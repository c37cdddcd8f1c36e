import LogviewCore

/// Why `T` could not jump, worded once for the bottom bar.
enum TimeJumpError: Error, Equatable {
  case empty
  case notATime(String)
  /// No record loaded has a time to jump by.
  case noTimes
  /// Every row is earlier than the time asked for (the newest row's time).
  case nothingAfter(target: Int64, newest: Int64)

  func message(zone: TimeZoneRule) -> String {
    switch self {
    case .empty:
      return "no time given"
    case .notATime(let text):
      return "not a time: '\(text)' (try 10:42, 10:42:07, 2024-03-15 10:42:07 or -15m)"
    case .noTimes:
      return "no record here has a time"
    case .nothingAfter(let target, let newest):
      return "nothing at or after \(BucketLabels.display(target, zone: zone).prefix(19))"
        + " (the last is \(BucketLabels.display(newest, zone: zone).prefix(19)))"
    }
  }
}
