/// Timestamps from bytes to Int64 nanoseconds since the Unix epoch (UTC). Runs once per
/// record, so it works on raw bytes with integer math only: no String, no Foundation.
public enum TimestampParser {
  /// Textual timestamps: RFC 3339 with 0–9 fraction digits (more are truncated) and any offset
  /// (Z, +hh:mm, +hhmm, +hh, optionally after one space), a space or 't' instead of T,
  /// '/' instead of '-' in the date, Python's "2024-03-15 10:00:00,123", a date alone
  /// (midnight), seconds optional; no zone -> `naiveZone`. Apache's and nginx's
  /// "15/Mar/2024:10:00:01 +0000". Also a string holding an epoch number. Whole input must be
  /// consumed (surrounding spaces ok).
  public static func parse(_ text: UnsafeRawBufferPointer, naiveZone: TimeZoneRule) -> Int64? {
    var start = 0
    var end = text.count
    while start < end, ASCIIKind.isSpace(text[start]) { start += 1 }
    while end > start, ASCIIKind.isSpace(text[end - 1]) { end -= 1 }
    guard start < end else { return nil }
    if end - start >= 5, looksLikeDate(text, at: start) {
      guard
        let scanned = scanDateTime(
          text, from: start, end: end, naiveZone: naiveZone, requireTime: false, allowZoneName: true
        ),
        scanned.end == end
      else { return nil }
      return scanned.nanos
    }
    // The Common Log Format's time is told by its third byte: no cost to the shapes above.
    if end - start >= 20, text[start + 2] == UInt8(ascii: "/") {
      return parseCommonLog(text, from: start, end: end, naiveZone: naiveZone)
    }
    return parseEpoch(UnsafeRawBufferPointer(rebasing: text[start..<end]))
  }

  /// "15/Mar/2024:10:00:01 +0000" (Apache's and nginx's `time_local`): day, English month
  /// abbreviation (any case), year, time with seconds and an optional fraction, then an
  /// optional offset; nothing may follow. Caller checked 20 bytes are there.
  static func parseCommonLog(
    _ p: UnsafeRawBufferPointer, from start: Int, end: Int, naiveZone: TimeZoneRule
  ) -> Int64? {
    guard let day = number(p, start, 2), p[start + 2] == UInt8(ascii: "/"),
      let month = RawTimestampShapes.monthNumber(p, start + 3, end),
      p[start + 6] == UInt8(ascii: "/"), let year = number(p, start + 7, 4),
      p[start + 11] == UInt8(ascii: ":"),
      let clock = scanClock(p, from: start + 12, end: end), clock.end - start >= 20
    else { return nil }
    var i = clock.end
    let zone = scanOffset(p, from: i, end: end, allowZoneName: false)
    if let zone { i = zone.end }
    guard i == end else { return nil }
    return civilNanos(
      year, month, day, clock.hour, clock.minute, clock.second, clock.fraction,
      offset: zone?.seconds, zone: naiveZone)
  }

  /// A JSON number token (or numeric string) as epoch time; unit by magnitude:
  /// < 1e11 seconds, < 1e14 ms, < 1e17 µs, else ns. Integers are exact; fractions and
  /// exponents are evaluated in exact decimal (sub-nanosecond digits are truncated).
  public static func parseEpoch(_ token: UnsafeRawBufferPointer) -> Int64? {
    guard let number = EpochDecimal.scan(token) else { return nil }
    let unit: Int64
    switch number.integerDigits {
    case ...11: unit = 1_000_000_000
    case 12...14: unit = 1_000_000
    case 15...17: unit = 1_000
    default: unit = 1
    }
    return number.scaled(by: unit)
  }

  /// Epoch in a known unit (e.g. journald µs): `unitNanos` = 1_000 for µs.
  public static func parseEpoch(_ token: UnsafeRawBufferPointer, unitNanos: Int64) -> Int64? {
    guard unitNanos > 0, let number = EpochDecimal.scan(token) else { return nil }
    return number.scaled(by: unitNanos)
  }

  /// Relative ("-15m", "15m", "2h", "1d", "30s", "500ms", "1w", "1h30m", "1.5h") meaning
  /// that long before `now`; "now"; or absolute (any `parse` form,
  /// a date "2024-03-15" = midnight in zone, a time of day "10:42" or "10:42:05" = today in
  /// zone). nil on garbage.
  public static func parseBound(_ text: String, now: Int64, zone: TimeZoneRule) -> Int64? {
    var bytes = Array(text.utf8)
    while let last = bytes.last, ASCIIKind.isSpace(last) { bytes.removeLast() }
    let first = bytes.firstIndex { !ASCIIKind.isSpace($0) } ?? bytes.count
    bytes.removeFirst(first)
    guard !bytes.isEmpty else { return nil }
    return bytes.withUnsafeBytes { p -> Int64? in
      if TimeBound.isNow(p) { return now }
      // "15m" and "-15m" both mean 15 minutes ago.
      if let duration = DurationReader.parse(p) {
        let (result, overflow) = now.subtractingReportingOverflow(abs(duration))
        return overflow ? nil : result
      }
      if let timeOfDay = scanTimeOfDay(p) {
        return TimeBound.today(now: now, zone: zone, plus: timeOfDay)
      }
      return parse(p, naiveZone: zone)
    }
  }

  // MARK: - Internal scanning, shared with RawLineClassifier

  /// "dddd-" or "dddd/" at `i` (caller checked 5 bytes are there).
  @inline(__always)
  static func looksLikeDate(_ p: UnsafeRawBufferPointer, at i: Int) -> Bool {
    ASCIIKind.isDigit(p[i]) && ASCIIKind.isDigit(p[i + 1]) && ASCIIKind.isDigit(p[i + 2])
      && ASCIIKind.isDigit(p[i + 3])
      && (p[i + 4] == UInt8(ascii: "-") || p[i + 4] == UInt8(ascii: "/"))
  }

  /// Scans the longest date-time starting at `start`; returns the instant and the index just
  /// past it. Stops before anything it does not understand: the caller decides whether the
  /// rest is acceptable. `allowZoneName`: accept Go's "+0000 UTC" when it ends the input.
  static func scanDateTime(
    _ p: UnsafeRawBufferPointer, from start: Int, end: Int, naiveZone: TimeZoneRule,
    requireTime: Bool, allowZoneName: Bool = false
  ) -> (nanos: Int64, end: Int)? {
    guard end - start >= 10, looksLikeDate(p, at: start) else { return nil }
    let separator = p[start + 4]
    guard let year = number(p, start, 4), p[start + 7] == separator,
      let month = number(p, start + 5, 2), let day = number(p, start + 8, 2)
    else { return nil }
    var i = start + 10
    let hasTime =
      i + 5 <= end
      && (p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: "t") || p[i] == UInt8(ascii: " "))
      && ASCIIKind.isDigit(p[i + 1])
    guard hasTime else {
      guard !requireTime else { return nil }
      return civilNanos(year, month, day, 0, 0, 0, 0, offset: nil, zone: naiveZone).map { ($0, i) }
    }
    i += 1
    guard let clock = scanClock(p, from: i, end: end) else { return nil }
    i = clock.end
    let zone = scanOffset(p, from: i, end: end, allowZoneName: allowZoneName)
    if let zone { i = zone.end }
    guard
      let nanos = civilNanos(
        year, month, day, clock.hour, clock.minute, clock.second, clock.fraction,
        offset: zone?.seconds, zone: naiveZone)
    else { return nil }
    return (nanos, i)
  }

  /// "hh:mm", "hh:mm:ss", then an optional fraction ('.' or ',' and 1+ digits).
  static func scanClock(_ p: UnsafeRawBufferPointer, from start: Int, end: Int)
    -> (hour: Int64, minute: Int64, second: Int64, fraction: Int64, end: Int)?
  {
    guard start + 5 <= end, let hour = number(p, start, 2), p[start + 2] == UInt8(ascii: ":"),
      let minute = number(p, start + 3, 2), hour <= 23, minute <= 59
    else { return nil }
    var i = start + 5
    var second: Int64 = 0
    var hasSeconds = false
    if i + 3 <= end, p[i] == UInt8(ascii: ":"), let s = number(p, i + 1, 2) {
      guard s <= 60 else { return nil }  // 60: a leap second, rolls into the next minute
      second = s
      hasSeconds = true
      i += 3
    }
    var fraction: Int64 = 0
    if hasSeconds, i + 2 <= end, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ","),
      ASCIIKind.isDigit(p[i + 1])
    {
      i += 1
      var digits = 0
      while i < end, ASCIIKind.isDigit(p[i]) {
        if digits < 9 {
          fraction = fraction * 10 + Int64(p[i] &- 0x30)
          digits += 1
        }
        i += 1
      }
      while digits < 9 {
        fraction *= 10
        digits += 1
      }
    }
    return (hour, minute, second, fraction, i)
  }

  /// 'Z', "+hh:mm", "+hhmm", "+hh" (also after one space), or " UTC"/" GMT"; a zone
  /// abbreviation after a numeric offset (Go's "+0000 UTC") when allowed and it ends the input.
  static func scanOffset(
    _ p: UnsafeRawBufferPointer, from start: Int, end: Int, allowZoneName: Bool
  ) -> (seconds: Int, end: Int)? {
    guard start < end else { return nil }
    var i = start
    if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") { return (0, i + 1) }
    if p[i] == UInt8(ascii: " ") {
      i += 1
      if i + 3 <= end, isUTCWord(p, at: i), i + 3 == end || !ASCIIKind.isAlphanumeric(p[i + 3]) {
        return (0, i + 3)
      }
    }
    guard i + 3 <= end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-"),
      let hours = number(p, i + 1, 2), hours <= 23
    else { return nil }
    let negative = p[i] == UInt8(ascii: "-")
    i += 3
    var minutes: Int64 = 0
    if i + 3 <= end, p[i] == UInt8(ascii: ":"), let m = number(p, i + 1, 2) {
      minutes = m
      i += 3
    } else if i + 2 <= end, let m = number(p, i, 2) {
      minutes = m
      i += 2
    }
    guard minutes <= 59 else { return nil }
    // Go's default Time.String(): "... +0000 UTC"; accept the abbreviation only at the end.
    if allowZoneName, i + 4 <= end, p[i] == UInt8(ascii: " "), end - i - 1 <= 5 {
      var j = i + 1
      while j < end, ASCIIKind.isUpper(p[j]) { j += 1 }
      if j == end, j - i - 1 >= 3 { i = end }
    }
    let seconds = Int(hours * 3600 + minutes * 60)
    return (negative ? -seconds : seconds, i)
  }

  @inline(__always)
  static func isUTCWord(_ p: UnsafeRawBufferPointer, at i: Int) -> Bool {
    let a = p[i]
    let b = p[i + 1]
    let c = p[i + 2]
    return (a == UInt8(ascii: "U") && b == UInt8(ascii: "T") && c == UInt8(ascii: "C"))
      || (a == UInt8(ascii: "G") && b == UInt8(ascii: "M") && c == UInt8(ascii: "T"))
  }

  /// "10:42", "9:05", "10:42:05", "10:42:05.123" as nanoseconds since midnight.
  static func scanTimeOfDay(_ p: UnsafeRawBufferPointer) -> Int64? {
    guard p.count >= 4 else { return nil }
    if p[1] == UInt8(ascii: ":") {
      // One-digit hour: parse "0" + text through a small copy.
      var padded: [UInt8] = [UInt8(ascii: "0")]
      padded.append(contentsOf: p)
      return padded.withUnsafeBytes { scanTimeOfDay($0) }
    }
    guard let clock = scanClock(p, from: 0, end: p.count), clock.end == p.count else { return nil }
    let seconds = clock.hour * 3600 + clock.minute * 60 + clock.second
    return seconds * CivilCalendar.nanosPerSecond + clock.fraction
  }

  /// A validated civil date-time to UTC nanoseconds. `offset` nil means a wall-clock time
  /// in `zone`. nil for invalid fields or when the result leaves the Int64 range.
  static func civilNanos(
    _ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64, _ minute: Int64, _ second: Int64,
    _ fraction: Int64, offset: Int?, zone: TimeZoneRule
  ) -> Int64? {
    guard month >= 1, month <= 12, day >= 1,
      day <= CivilCalendar.daysInMonth(year: year, month: month),
      hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 60,
      fraction >= 0, fraction < CivilCalendar.nanosPerSecond, year >= -1_000_000, year <= 1_000_000
    else { return nil }
    let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
    let wallSeconds = days * CivilCalendar.secondsPerDay + hour * 3600 + minute * 60 + second
    let zoneOffset: Int
    if let offset {
      zoneOffset = offset
    } else if zone.isFixed {
      zoneOffset = zone.offsetSeconds(forWallClock: 0)
    } else {
      guard let wall = combine(wallSeconds, fraction) else { return nil }
      zoneOffset = zone.offsetSeconds(forWallClock: wall)
    }
    return combine(wallSeconds - Int64(zoneOffset), fraction)
  }

  /// seconds * 1e9 + fraction, or nil on Int64 overflow.
  @inline(__always)
  static func combine(_ seconds: Int64, _ fraction: Int64) -> Int64? {
    // Borrow a second for negative times so the product stays in range down to Int64.min.
    let borrow: Int64 = seconds < 0 && fraction > 0 ? 1 : 0
    let (scaled, o1) = (seconds + borrow).multipliedReportingOverflow(
      by: CivilCalendar.nanosPerSecond)
    let (sum, o2) = scaled.addingReportingOverflow(fraction - borrow * CivilCalendar.nanosPerSecond)
    return o1 || o2 ? nil : sum
  }

  /// Exactly `count` ASCII digits at `i` (caller guarantees the bytes exist).
  @inline(__always)
  static func number(_ p: UnsafeRawBufferPointer, _ i: Int, _ count: Int) -> Int64? {
    var value: Int64 = 0
    for k in i..<(i + count) {
      let d = p[k] &- 0x30
      guard d < 10 else { return nil }
      value = value * 10 + Int64(d)
    }
    return value
  }
}
