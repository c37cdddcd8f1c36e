/// Helpers for `TimestampParser.parseBound`: "now" and times of day relative to today.
enum TimeBound {
  /// "now", any case.
  static func isNow(_ p: UnsafeRawBufferPointer) -> Bool {
    LevelParser.matches(p, "now")
  }

  /// Midnight of `now`'s day in `zone`, plus `offset` nanoseconds of wall-clock time.
  static func today(now: Int64, zone: TimeZoneRule, plus offset: Int64) -> Int64? {
    let nanosPerDay = CivilCalendar.secondsPerDay * CivilCalendar.nanosPerSecond
    let (local, o1) = now.addingReportingOverflow(
      Int64(zone.offsetSeconds(atUTC: now)) * CivilCalendar.nanosPerSecond)
    guard !o1 else { return nil }
    let day = CivilCalendar.floorDivMod(local, nanosPerDay).quotient
    let (midnight, o2) = day.multipliedReportingOverflow(by: nanosPerDay)
    let (wall, o3) = midnight.addingReportingOverflow(offset)
    guard !o2, !o3 else { return nil }
    let shift = Int64(zone.offsetSeconds(forWallClock: wall)) * CivilCalendar.nanosPerSecond
    let (utc, o4) = wall.subtractingReportingOverflow(shift)
    return o4 ? nil : utc
  }
}
