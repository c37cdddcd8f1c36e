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

/// A relative duration: an optional '-', then one or more number+unit parts
/// ("15m", "-2h", "1h30m", "1.5d", "500ms", "1w"). Units: ns, us/µs, ms, s/sec, m/min,
/// h/hr, d/day, w/wk/week (plurals too).
enum DurationText {
  static func parse(_ p: UnsafeRawBufferPointer) -> Int64? {
    var i = 0
    if i < p.count, p[i] == UInt8(ascii: "-") { i += 1 }
    guard i < p.count else { return nil }
    var total: Int64 = 0
    while i < p.count {
      let numberStart = i
      while i < p.count, ASCIIKind.isDigit(p[i]) || p[i] == UInt8(ascii: ".") { i += 1 }
      let unitStart = i
      while i < p.count, !ASCIIKind.isDigit(p[i]), p[i] != UInt8(ascii: ".") { i += 1 }
      guard numberStart < unitStart, unitStart < i,
        let unit = unitNanos(UnsafeRawBufferPointer(rebasing: p[unitStart..<i])),
        let amount = EpochDecimal.scan(
          UnsafeRawBufferPointer(rebasing: p[numberStart..<unitStart])),
        !amount.negative, let part = amount.scaled(by: unit)
      else { return nil }
      let (sum, overflow) = total.addingReportingOverflow(part)
      guard !overflow else { return nil }
      total = sum
    }
    return total
  }

  static func unitNanos(_ p: UnsafeRawBufferPointer) -> Int64? {
    var lowered: [UInt8] = []
    for b in p { lowered.append(ASCIIKind.lower(b)) }
    switch String(decoding: lowered, as: UTF8.self) {
    case "ns", "nanosecond", "nanoseconds": return 1
    case "us", "µs", "microsecond", "microseconds": return 1_000
    case "ms", "millisecond", "milliseconds": return 1_000_000
    case "s", "sec", "secs", "second", "seconds": return 1_000_000_000
    case "m", "min", "mins", "minute", "minutes": return 60_000_000_000
    case "h", "hr", "hrs", "hour", "hours": return 3_600_000_000_000
    case "d", "day", "days": return 86_400_000_000_000
    case "w", "wk", "wks", "week", "weeks": return 604_800_000_000_000
    default: return nil
    }
  }
}
