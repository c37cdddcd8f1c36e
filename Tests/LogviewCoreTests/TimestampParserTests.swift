import Testing

@testable import LogviewCore

/// 2024-03-15T10:00:00Z in nanoseconds.
private let base: Int64 = 1_710_496_800_000_000_000
private let second: Int64 = 1_000_000_000
private let minute: Int64 = 60 * second
private let hour: Int64 = 60 * minute
private let day: Int64 = 24 * hour

private func parse(_ text: String, zone: TimeZoneRule = .utc) -> Int64? {
  Array(text.utf8).withUnsafeBytes { TimestampParser.parse($0, naiveZone: zone) }
}

private func epoch(_ text: String) -> Int64? {
  Array(text.utf8).withUnsafeBytes { TimestampParser.parseEpoch($0) }
}

struct TimestampParserTests {
  static let valid: [(String, Int64)] = [
    ("2024-03-15T10:00:00Z", base),
    ("2024-03-15T10:00:00z", base),
    ("2024-03-15t10:00:00Z", base),
    ("2024-03-15 10:00:00Z", base),
    ("2024-03-15T10:00:00", base),
    ("2024-03-15T10:00:00.1Z", base + 100_000_000),
    ("2024-03-15T10:00:00.12Z", base + 120_000_000),
    ("2024-03-15T10:00:00.123Z", base + 123_000_000),
    ("2024-03-15T10:00:00.000123Z", base + 123_000),
    ("2024-03-15T10:00:00.123456Z", base + 123_456_000),
    ("2024-03-15T10:00:00.12345678Z", base + 123_456_780),
    ("2024-03-15T10:00:00.123456789Z", base + 123_456_789),
    ("2024-03-15T10:00:00.1234567891234Z", base + 123_456_789),
    ("2024-03-15T10:00:00.999999999999Z", base + 999_999_999),
    ("2024-03-15T10:00:00+02:00", base - 2 * hour),
    ("2024-03-15T10:00:00-05:30", base + 5 * hour + 30 * minute),
    ("2024-03-15T10:00:00+0200", base - 2 * hour),
    ("2024-03-15T10:00:00-0000", base),
    ("2024-03-15T10:00:00+02", base - 2 * hour),
    ("2024-03-15T10:00:00.5+01:00", base - hour + 500_000_000),
    ("2024-03-15 10:00:00,123", base + 123_000_000),
    ("2024-03-15 10:00:00,123456", base + 123_456_000),
    ("2024-03-15T10:00", base),
    ("2024-03-15T10:00Z", base),
    ("2024-03-15", base - 10 * hour),
    ("2024/03/15 10:00:00", base),
    ("2024-03-15 10:00:00 +0200", base - 2 * hour),
    ("2024-03-15 10:00:00 UTC", base),
    ("2024-03-15 10:00:00.123456789 +0000 UTC", base + 123_456_789),
    ("2024-03-15 10:00:00 +0100 CET", base - hour),
    ("  2024-03-15T10:00:00Z  ", base),
    ("2024-03-15T10:00:00Z\n", base),
    ("1970-01-01T00:00:00Z", 0),
    ("1969-12-31T23:59:59.999999999Z", -1),
    ("1900-03-01T00:00:00Z", -2_203_891_200 * second),
    ("2000-02-29T23:59:59Z", 951_868_799 * second),
    ("2024-02-29T10:00:00Z", base - 15 * day),
    ("2016-12-31T23:59:60Z", 1_483_228_800 * second),
    ("2262-04-11T23:47:16.854775807Z", Int64.max),
    ("1677-09-21T00:12:43.145224192Z", Int64.min),
    // Apache's and nginx's time_local (the Common Log Format).
    ("15/Mar/2024:10:00:00 +0000", base),
    ("15/Mar/2024:11:00:00 +0100", base),
    ("15/Mar/2024:12:00:00 +0200", base),
    ("15/Mar/2024:04:30:00 -0530", base),
    ("15/mar/2024:10:00:00 +00:00", base),
    ("15/MAR/2024:10:00:00Z", base),
    ("15/Mar/2024:10:00:00.250 +0000", base + 250_000_000),
    ("15/Mar/2024:10:00:00", base),
    (" 15/Mar/2024:10:00:00 +0000 ", base),
    ("29/Feb/2024:10:00:00 +0000", base - 15 * day),
    ("01/Jan/1970:00:00:00 +0000", 0),
    ("1710496800", base),
    ("1710496800.123", base + 123_000_000),
    ("1710496800123", base + 123_000_000),
    ("1710496800123456789", base + 123_456_789),
    (" 1710496800 ", base),
  ]

  @Test(arguments: valid)
  func parsesValid(_ text: String, _ expected: Int64) {
    #expect(parse(text) == expected, "\(text)")
  }

  static let invalid: [String] = [
    "", "   ", "garbage", "abc2024", "NaN", "1710496800abc", "2024-03-15T",
    "2024-03-15T10", "2024-03-15T1:00:00Z", "2024-3-15T10:00:00Z", "2024-03-15X10:00:00Z",
    "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-03-00T00:00:00Z", "2024-03-32T00:00:00Z",
    "2024-04-31T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-03-15T24:00:00Z",
    "2024-03-15T10:60:00Z", "2024-03-15T10:00:61Z", "2024-03-15T10:00:00+24:00",
    "2024-03-15T10:00:00+02:60", "2024-03-15T10:00:00+2", "2024-03-15T10:00:00Zjunk",
    "2024-03-15T10:00:00 junk", "2024-03-15T10:00:00.", "2024-03-15T10:00:00.Z",
    "2024-03-15T10:00:00,", "2024-03-15  10:00:00", "2024-03/15 10:00:00", "2024-03-15T10:00:00ZZ",
    "2024-03-15T10:00.5Z",
    "2024-03-15T10:00:00 +02:00 extra", "2262-04-11T23:47:16.854775808Z",
    "1677-09-21T00:12:43.145224191Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
    "2024-03-15T10:00:00\u{0}", "２０２４-03-15T10:00:00Z",
    "15/Mar/2024:10:00:00 +0000 x", "15/Mar/2024:10:00 +0000", "15/Xyz/2024:10:00:00 +0000",
    "15-Mar-2024:10:00:00 +0000", "15/Mar/2024 10:00:00 +0000", "32/Mar/2024:10:00:00 +0000",
    "30/Feb/2024:10:00:00 +0000", "15/Mar/24:10:00:00 +0000", "5/Mar/2024:10:00:00 +0000",
    "15/Mar/2024:24:00:00 +0000", "15/Mar/2024:10:00:00 +2400", "15/Mar/2024:10:00:00 UTCX",
    "15/Mar/2024:10:0a:00 +0000", "15/Mar/2024:", "15/Mar/2024:10:00:00\u{0}",
  ]

  @Test(arguments: invalid)
  func rejectsInvalid(_ text: String) {
    #expect(parse(text) == nil, "\(text)")
  }

  static let naive: [(String, String, Int64)] = [
    ("2024-03-15T10:00:00", "+02:00", base - 2 * hour),
    ("2024-03-15T10:00:00", "-0530", base + 5 * hour + 30 * minute),
    ("2024-03-15T10:00:00Z", "+02:00", base),
    ("2024-03-15T10:00:00+01:00", "+02:00", base - hour),
    ("2024-03-15", "+02:00", base - 12 * hour),
    ("2024-07-01T12:00:00", "Europe/Paris", 1_719_828_000 * second),
    ("2024-01-15T13:00:00", "Europe/Paris", 1_705_320_000 * second),
    ("2024-03-15 10:00:00,123", "America/New_York", base + 4 * hour + 123_000_000),
    ("15/Mar/2024:12:00:00", "+02:00", base),
    ("15/Mar/2024:10:00:00 +0000", "+02:00", base),
  ]

  @Test(arguments: naive)
  func naiveTimesUseTheZone(_ text: String, _ zoneName: String, _ expected: Int64) throws {
    let zone = try #require(TimeZoneRule(name: zoneName))
    #expect(parse(text, zone: zone) == expected)
  }

  static let epochs: [(String, Int64?)] = [
    ("0", 0),
    ("1", second),
    ("-1", -second),
    ("+1", second),
    ("1.", second),
    ("0.5", 500_000_000),
    (".5", 500_000_000),
    ("-1.5", -1_500_000_000),
    ("1710496800", base),
    ("1710496800.5", base + 500_000_000),
    ("1710496800.123", base + 123_000_000),
    ("1710496800.1234567891", base + 123_456_789),
    ("1.710496800123E9", base + 123_000_000),
    ("1.710496800123e+9", base + 123_000_000),
    ("1710496800123e-3", base + 123_000_000),
    ("0.0000000001", 0),
    ("1e-400", 0),
    ("99999999999", nil),  // seconds by magnitude, beyond 2262
    ("100000000000", 100_000_000_000_000_000),  // 1e11: milliseconds
    ("1710496800123", base + 123_000_000),
    ("1710496800123.456", base + 123_456_000),
    ("99999999999999", nil),
    ("100000000000000", 100_000_000_000_000_000),  // 1e14: microseconds
    ("1710496800123456", base + 123_456_000),
    ("99999999999999999", nil),
    ("100000000000000000", 100_000_000_000_000_000),  // 1e17: nanoseconds
    ("1710496800123456789", base + 123_456_789),
    ("-1710496800123456789", -(base + 123_456_789)),
    ("9223372036854775807", Int64.max),
    ("9223372036854775808", nil),
    ("-9223372036854775808", Int64.min),
    ("-9223372036854775809", nil),
    ("12345678901234567890123", nil),
    ("1e400", nil),
    (" 1710496800 ", base),
    ("", nil), ("-", nil), (".", nil), ("e5", nil), ("1e", nil), ("1e+", nil), ("--1", nil),
    ("1-2", nil), ("0x10", nil), ("NaN", nil), ("inf", nil), ("1,5", nil), ("1.2.3", nil),
    ("1 2", nil), ("\"1\"", nil),
  ]

  @Test(arguments: epochs)
  func parsesEpochByMagnitude(_ text: String, _ expected: Int64?) {
    #expect(epoch(text) == expected, "\(text)")
  }

  static let unitEpochs: [(String, Int64, Int64?)] = [
    ("1710496800123456", 1_000, base + 123_456_000),
    ("1710496800", 1_000_000_000, base),
    ("1710496800123", 1_000_000, base + 123_000_000),
    ("17", 1, 17),
    ("1.5", 1_000, 1_500),
    ("-2", 1_000, -2_000),
    ("5", 0, nil),
    ("5", -1, nil),
    ("9223372036854775807", 1_000, nil),
    ("9223372036854775807", 1, Int64.max),
    ("abc", 1_000, nil),
  ]

  @Test(arguments: unitEpochs)
  func parsesEpochInKnownUnit(_ text: String, _ unit: Int64, _ expected: Int64?) {
    let result = Array(text.utf8).withUnsafeBytes {
      TimestampParser.parseEpoch($0, unitNanos: unit)
    }
    #expect(result == expected)
  }

  /// `now` = 2024-03-15T10:30:00Z.
  static let now = base + 30 * minute

  static let bounds: [(String, String, Int64?)] = [
    ("-15m", "UTC", now - 15 * minute),
    ("15m", "UTC", now - 15 * minute),
    ("2h", "UTC", now - 2 * hour),
    ("1d", "UTC", now - day),
    ("30s", "UTC", now - 30 * second),
    ("500ms", "UTC", now - 500_000_000),
    ("1w", "UTC", now - 7 * day),
    ("1h30m", "UTC", now - 90 * minute),
    ("1.5h", "UTC", now - 90 * minute),
    ("10min", "UTC", now - 10 * minute),
    ("3 days", "UTC", nil),
    ("2days", "UTC", now - 2 * day),
    (" -15m ", "UTC", now - 15 * minute),
    ("now", "UTC", now),
    ("NOW", "UTC", now),
    ("today", "UTC", nil),
    ("yesterday", "UTC", nil),
    ("nowish", "UTC", nil),
    ("2024-03-15T00:00:00Z", "UTC", base - 10 * hour),
    ("2024-03-15T00:00:00Z", "+02:00", base - 10 * hour),
    ("2024-03-15T10:00:00", "+02:00", base - 2 * hour),
    ("2024-03-15", "UTC", base - 10 * hour),
    ("2024-03-15", "+02:00", base - 12 * hour),
    ("10:42", "UTC", base + 42 * minute),
    ("10:42:05", "UTC", base + 42 * minute + 5 * second),
    ("10:42:05.250", "UTC", base + 42 * minute + 5 * second + 250_000_000),
    ("9:05", "UTC", base - 55 * minute),
    ("00:00", "UTC", base - 10 * hour),
    ("10:42", "+02:00", base + 42 * minute - 2 * hour),
    ("10:42", "-11:00", base + 42 * minute + 11 * hour - day),
    ("1710496800", "UTC", base),
    ("", "UTC", nil), ("   ", "UTC", nil), ("abc", "UTC", nil), ("15x", "UTC", nil),
    ("-", "UTC", nil),
    ("m", "UTC", nil), ("10:61", "UTC", nil), ("25:00", "UTC", nil), ("1h-", "UTC", nil),
    ("--15m", "UTC", nil), ("+15m", "UTC", nil), ("15m ago", "UTC", nil), ("1.2.3h", "UTC", nil),
    ("-999999999999w", "UTC", nil), ("10:4", "UTC", nil), ("1:2:3", "UTC", nil),
  ]

  @Test(arguments: bounds)
  func parsesBounds(_ text: String, _ zoneName: String, _ expected: Int64?) throws {
    let zone = try #require(TimeZoneRule(name: zoneName))
    #expect(TimestampParser.parseBound(text, now: Self.now, zone: zone) == expected, "\(text)")
  }

  @Test(arguments: [Int64.min, Int64.min + 1, -1, 0, Int64.max - 1, Int64.max])
  func boundsNeverTrapAtExtremes(_ extreme: Int64) throws {
    let paris = try #require(TimeZoneRule(name: "Europe/Paris"))
    for text in ["10:42", "23:59:59", "00:00", "15m", "-1w", "now", "2024-03-15", "1000000w"] {
      for zone in [TimeZoneRule.utc, paris] {
        let result = TimestampParser.parseBound(text, now: extreme, zone: zone)
        if text == "now" { #expect(result == extreme) }
      }
    }
    #expect(TimestampParser.parseBound("15m", now: Int64.min, zone: .utc) == nil)
    #expect(
      TimestampParser.parseBound("15m", now: Int64.max, zone: .utc) == Int64.max - 15 * minute)
  }

  @Test func parsesPrefixForClassifier() {
    let text = "2024-03-15 10:00:00,123 ERROR boom"
    let scanned = Array(text.utf8).withUnsafeBytes {
      TimestampParser.scanDateTime($0, from: 0, end: $0.count, naiveZone: .utc, requireTime: true)
    }
    #expect(scanned?.nanos == base + 123_000_000)
    #expect(scanned?.end == 23)
  }
}
