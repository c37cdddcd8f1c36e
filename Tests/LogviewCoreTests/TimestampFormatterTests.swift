import Testing

@testable import LogviewCore

private let base: Int64 = 1_710_496_800_000_000_000

private func display(_ nanos: Int64, _ zone: TimeZoneRule) -> String {
  var out: [UInt8] = []
  TimestampFormatter.appendDisplay(nanos, zone: zone, to: &out)
  return String(decoding: out, as: UTF8.self)
}

struct TimestampFormatterTests {
  static let rfc3339: [(Int64, String)] = [
    (base, "2024-03-15T10:00:00.000Z"),
    (base + 123_456_789, "2024-03-15T10:00:00.123Z"),
    (base + 999_999_999, "2024-03-15T10:00:00.999Z"),
    (base + 1_000_000, "2024-03-15T10:00:00.001Z"),
    (base + 999_999, "2024-03-15T10:00:00.000Z"),
    (0, "1970-01-01T00:00:00.000Z"),
    (-1, "1969-12-31T23:59:59.999Z"),
    (-1_000_000, "1969-12-31T23:59:59.999Z"),
    (-1_000_001, "1969-12-31T23:59:59.998Z"),
    (-1_000_000_000, "1969-12-31T23:59:59.000Z"),
    (951_868_799_000_000_000, "2000-02-29T23:59:59.000Z"),
    (951_868_800_000_000_000, "2000-03-01T00:00:00.000Z"),
    (-2_203_891_200_000_000_000, "1900-03-01T00:00:00.000Z"),
    (Int64.max, "2262-04-11T23:47:16.854Z"),
    (Int64.min, "1677-09-21T00:12:43.145Z"),
  ]

  @Test(arguments: rfc3339)
  func formatsRFC3339Millis(_ nanos: Int64, _ expected: String) {
    #expect(TimestampFormatter.rfc3339Millis(nanos) == expected)
    var out = Array("x".utf8)
    TimestampFormatter.appendRFC3339Millis(nanos, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "x" + expected)
  }

  static let displays: [(Int64, String, String)] = [
    (base, "UTC", "2024-03-15 10:00:00.000"),
    (base + 123_456_789, "UTC", "2024-03-15 10:00:00.123"),
    (base, "+02:00", "2024-03-15 12:00:00.000"),
    (base, "-05:30", "2024-03-15 04:30:00.000"),
    (base, "+14:00", "2024-03-16 00:00:00.000"),
    (base, "-11:00", "2024-03-14 23:00:00.000"),
    (base, "Europe/Paris", "2024-03-15 11:00:00.000"),
    (1_719_828_000_000_000_000, "Europe/Paris", "2024-07-01 12:00:00.000"),
    (base, "America/New_York", "2024-03-15 06:00:00.000"),
    (base, "Asia/Kolkata", "2024-03-15 15:30:00.000"),
    (-1, "UTC", "1969-12-31 23:59:59.999"),
    (0, "-01:00", "1969-12-31 23:00:00.000"),
    (Int64.max, "+14:00", "2262-04-12 13:47:16.854"),
    (Int64.min, "-12:00", "1677-09-20 12:12:43.145"),
  ]

  @Test(arguments: displays)
  func formatsDisplayInZone(_ nanos: Int64, _ zoneName: String, _ expected: String) throws {
    let zone = try #require(TimeZoneRule(name: zoneName))
    #expect(display(nanos, zone) == expected)
  }

  @Test func appendsAfterExistingBytes() {
    var out = Array("ts=".utf8)
    TimestampFormatter.appendDisplay(base, zone: .utc, to: &out)
    TimestampFormatter.appendTimeOfDay(base + 5_000_000, zone: .utc, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "ts=2024-03-15 10:00:00.00010:00:00.005")
  }

  @Test(arguments: [
    Int64(0), -1, base, base + 987_654_321, -86_400_000_000_123, Int64.max, Int64.min,
  ])
  func roundTripsThroughParser(_ nanos: Int64) {
    let text = TimestampFormatter.rfc3339Millis(nanos)
    let parsed = Array(text.utf8).withUnsafeBytes { TimestampParser.parse($0, naiveZone: .utc) }
    // Int64.min floors to a millisecond below the range: nil, not a trap.
    let (millisFloor, overflow) = CivilCalendar.floorDivMod(nanos, 1_000_000).quotient
      .multipliedReportingOverflow(by: 1_000_000)
    #expect(parsed == (overflow ? nil : millisFloor))
  }

  /// Every 997th day over ±1,100 years from 1970: civil <-> days must invert each other.
  @Test func civilCalendarRoundTrips() {
    var days: Int64 = -400_000
    var checked = 0
    while days <= 400_000 {
      let date = CivilCalendar.civilFromDays(days)
      #expect(date.month >= 1 && date.month <= 12)
      #expect(
        date.day >= 1
          && Int64(date.day) <= CivilCalendar.daysInMonth(year: date.year, month: Int64(date.month))
      )
      let back = CivilCalendar.daysFromCivil(
        year: date.year, month: Int64(date.month), day: Int64(date.day))
      #expect(back == days)
      days += 997
      checked += 1
    }
    #expect(checked > 800)
  }

  static let civilDates: [(Int64, Int64, Int64, Int64)] = [
    (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11_017), (2024, 3, 15, 19_797),
    (1600, 2, 29, -135_081), (2262, 4, 11, 106_751), (1677, 9, 21, -106_752),
  ]

  @Test(arguments: civilDates)
  func civilCalendarKnownDays(_ y: Int64, _ m: Int64, _ d: Int64, _ expected: Int64) {
    #expect(CivilCalendar.daysFromCivil(year: y, month: m, day: d) == expected)
    let back = CivilCalendar.civilFromDays(expected)
    #expect(back.year == y && back.month == Int(m) && back.day == Int(d))
  }
}
