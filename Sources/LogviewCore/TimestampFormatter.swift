/// Renders Int64 nanosecond timestamps as text, writing bytes directly (no Foundation).
public enum TimestampFormatter {
  /// "2024-03-15T10:00:00.123Z" (always UTC, milliseconds truncated toward the past).
  public static func rfc3339Millis(_ nanos: Int64) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(24)
    appendRFC3339Millis(nanos, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends "2024-03-15T10:00:00.123Z" (UTC) to `out`.
  public static func appendRFC3339Millis(_ nanos: Int64, to out: inout [UInt8]) {
    append(nanos, offsetSeconds: 0, separator: UInt8(ascii: "T"), suffixZ: true, to: &out)
  }

  /// Appends "2024-03-15 10:00:00.123" in `zone` to `out`.
  public static func appendDisplay(_ nanos: Int64, zone: TimeZoneRule, to out: inout [UInt8]) {
    append(
      nanos, offsetSeconds: zone.offsetSeconds(atUTC: nanos), separator: UInt8(ascii: " "),
      suffixZ: false, to: &out)
  }

  /// Appends "10:00:00.123" (time of day only) in `zone` to `out`.
  public static func appendTimeOfDay(_ nanos: Int64, zone: TimeZoneRule, to out: inout [UInt8]) {
    let parts = civil(nanos, offsetSeconds: zone.offsetSeconds(atUTC: nanos))
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buffer in
      let p = buffer.baseAddress!
      writeClock(parts.secondOfDay, millis: parts.millis, at: p)
      out.append(contentsOf: UnsafeBufferPointer(start: p, count: 12))
    }
  }

  /// The day `nanos` falls on in `zone`, as days since 1970-01-01: equal for two times on
  /// the same calendar day there.
  public static func day(_ nanos: Int64, zone: TimeZoneRule) -> Int64 {
    let seconds = CivilCalendar.floorDivMod(nanos, CivilCalendar.nanosPerSecond).quotient
    return CivilCalendar.floorDivMod(
      seconds + Int64(zone.offsetSeconds(atUTC: nanos)), CivilCalendar.secondsPerDay
    ).quotient
  }

  /// Calendar fields of `nanos` shifted by `offsetSeconds`. Works in seconds so the shift
  /// cannot overflow at the ends of the Int64 range.
  @inline(__always)
  static func civil(_ nanos: Int64, offsetSeconds: Int)
    -> (year: Int64, month: Int, day: Int, secondOfDay: Int64, millis: Int64)
  {
    let (seconds, subsecond) = CivilCalendar.floorDivMod(nanos, CivilCalendar.nanosPerSecond)
    let (days, secondOfDay) = CivilCalendar.floorDivMod(
      seconds + Int64(offsetSeconds), CivilCalendar.secondsPerDay)
    let date = CivilCalendar.civilFromDays(days)
    return (date.year, date.month, date.day, secondOfDay, subsecond / 1_000_000)
  }

  /// Formats into a stack buffer and appends once: one capacity check instead of 24.
  @inline(__always)
  static func append(
    _ nanos: Int64, offsetSeconds: Int, separator: UInt8, suffixZ: Bool, to out: inout [UInt8]
  ) {
    let parts = civil(nanos, offsetSeconds: offsetSeconds)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      let p = buffer.baseAddress!
      // Years stay within 1677...2262 for Int64 nanoseconds, so four digits always suffice.
      let year = Int(parts.year)
      writeTwoDigits(year / 100, at: p)
      writeTwoDigits(year % 100, at: p + 2)
      p[4] = UInt8(ascii: "-")
      writeTwoDigits(parts.month, at: p + 5)
      p[7] = UInt8(ascii: "-")
      writeTwoDigits(parts.day, at: p + 8)
      p[10] = separator
      writeClock(parts.secondOfDay, millis: parts.millis, at: p + 11)
      p[23] = UInt8(ascii: "Z")
      out.append(contentsOf: UnsafeBufferPointer(start: p, count: suffixZ ? 24 : 23))
    }
  }

  /// "hh:mm:ss.mmm" (12 bytes) at `p`.
  @inline(__always)
  static func writeClock(_ secondOfDay: Int64, millis: Int64, at p: UnsafeMutablePointer<UInt8>) {
    let s = Int(secondOfDay)
    writeTwoDigits(s / 3600, at: p)
    p[2] = UInt8(ascii: ":")
    writeTwoDigits(s / 60 % 60, at: p + 3)
    p[5] = UInt8(ascii: ":")
    writeTwoDigits(s % 60, at: p + 6)
    p[8] = UInt8(ascii: ".")
    let ms = Int(millis)
    p[9] = UInt8(truncatingIfNeeded: 0x30 + ms / 100)
    writeTwoDigits(ms % 100, at: p + 10)
  }

  /// Two decimal digits of 0...99.
  @inline(__always)
  static func writeTwoDigits(_ value: Int, at p: UnsafeMutablePointer<UInt8>) {
    p[0] = UInt8(truncatingIfNeeded: 0x30 + value / 10)
    p[1] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
  }
}
