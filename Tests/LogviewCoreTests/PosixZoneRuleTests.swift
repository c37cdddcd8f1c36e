import Testing

@testable import LogviewCore

@Suite struct PosixZoneRuleTests {
  /// (rule, UTC seconds, expected offset). Expected values come from glibc
  /// (`TZ=RULE date -d @SECONDS +%::z`), except the all-year DST rule (see below).
  static let offsets: [(String, Int64, Int)] = [
    // Northern hemisphere, both sides of each 2024 transition, and 2100.
    ("CET-1CEST,M3.5.0,M10.5.0/3", 1_711_846_799, 3600),
    ("CET-1CEST,M3.5.0,M10.5.0/3", 1_711_846_800, 7200),
    ("CET-1CEST,M3.5.0,M10.5.0/3", 1_729_990_799, 7200),
    ("CET-1CEST,M3.5.0,M10.5.0/3", 1_729_990_800, 3600),
    ("CET-1CEST,M3.5.0,M10.5.0/3", 4_102_444_800, 3600),
    ("CET-1CEST,M3.5.0,M10.5.0/3", 4_118_083_200, 7200),
    ("EST5EDT,M3.2.0,M11.1.0", 1_710_053_999, -18000),
    ("EST5EDT,M3.2.0,M11.1.0", 1_710_054_000, -14400),
    ("EST5EDT,M3.2.0,M11.1.0", 1_730_613_599, -14400),
    ("EST5EDT,M3.2.0,M11.1.0", 1_730_613_600, -18000),
    // Southern hemisphere: daylight time spans the new year.
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 1_712_419_199, 39600),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 1_712_419_200, 36000),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 1_728_143_999, 36000),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 1_728_144_000, 39600),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 1_735_686_000, 39600),  // 2024-12-31T23:00Z
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 1_735_693_200, 39600),  // 2025-01-01T01:00Z
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 4_102_444_800, 39600),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", 4_118_083_200, 36000),
    ("<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1_725_767_999, -14400),
    ("<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1_725_768_000, -10800),
    ("<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1_712_458_799, -10800),
    ("<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1_712_458_800, -14400),
    // No daylight time; quoted names; minutes and seconds.
    ("<+0330>-3:30", 1_704_067_200, 12600),
    ("<+0330>-3:30", 4_118_083_200, 12600),
    ("IST-5:30", 1_704_067_200, 19800),
    ("<-0330>3:30", 1_704_067_200, -12600),
    ("UTC0", 1_719_792_000, 0),
    ("XYZ-13:45:30", 1_704_067_200, 49530),
    // Jn never counts February 29; n does (2024 is a leap year, 2023 is not).
    ("EST5EDT,J60,J300", 1_709_276_399, -18000),
    ("EST5EDT,J60,J300", 1_709_276_400, -14400),
    ("EST5EDT,J60,J300", 1_730_008_799, -14400),
    ("EST5EDT,J60,J300", 1_730_008_800, -18000),
    ("EST5EDT,J60,J300", 1_677_653_999, -18000),
    ("EST5EDT,J60,J300", 1_677_654_000, -14400),
    ("EST5EDT,59,299", 1_709_189_999, -18000),
    ("EST5EDT,59,299", 1_709_190_000, -14400),
    ("EST5EDT,59,299", 1_729_922_399, -14400),
    ("EST5EDT,59,299", 1_729_922_400, -18000),
    ("EST5EDT,59,299", 1_677_653_999, -18000),
    ("EST5EDT,59,299", 1_677_654_000, -14400),
    ("EST5EDT,59,299", 1_698_386_399, -14400),
    ("EST5EDT,59,299", 1_698_386_400, -18000),
    // Transition times that are negative or past 24 hours (RFC 8536 extension).
    ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1_711_846_799, -7200),
    ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1_711_846_800, -3600),
    ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1_729_990_799, -3600),
    ("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1_729_990_800, -7200),
    ("IST-2IDT,M3.4.4/26,M10.5.0", 1_711_670_399, 7200),
    ("IST-2IDT,M3.4.4/26,M10.5.0", 1_711_670_400, 10800),
    ("IST-2IDT,M3.4.4/26,M10.5.0", 1_729_983_599, 10800),
    ("IST-2IDT,M3.4.4/26,M10.5.0", 1_729_983_600, 7200),
    ("EET-2EEST,M3.4.4/50,M10.4.4/50", 1_711_756_799, 7200),
    ("EET-2EEST,M3.4.4/50,M10.4.4/50", 1_711_756_800, 10800),
    ("EET-2EEST,M3.4.4/50,M10.4.4/50", 1_729_897_199, 10800),
    ("EET-2EEST,M3.4.4/50,M10.4.4/50", 1_729_897_200, 7200),
    // Two hours of daylight time; "daylight" time behind standard time (Europe/Dublin).
    ("<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", 1_711_846_799, 0),
    ("<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", 1_711_846_800, 7200),
    ("<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", 1_729_990_799, 7200),
    ("<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", 1_729_990_800, 0),
    ("IST-1GMT0,M10.5.0,M3.5.0/1", 1_711_846_799, 0),
    ("IST-1GMT0,M10.5.0,M3.5.0/1", 1_711_846_800, 3600),
    ("IST-1GMT0,M10.5.0,M3.5.0/1", 1_729_990_799, 3600),
    ("IST-1GMT0,M10.5.0,M3.5.0/1", 1_729_990_800, 0),
    // All-year daylight time, per RFC 8536 section 3.3.1. glibc disagrees around the new
    // year; these values are CPython's (zoneinfo on a TZif with this footer).
    ("EST5EDT4,0/0,J365/25", 1_704_067_200, -14400),
    ("EST5EDT4,0/0,J365/25", 1_735_689_540, -14400),
    ("EST5EDT4,0/0,J365/25", 1_735_689_600, -14400),
    ("EST5EDT4,0/0,J365/25", 1_719_792_000, -14400),
  ]

  @Test(arguments: offsets)
  func offsetAtUTC(_ text: String, _ seconds: Int64, _ expected: Int) throws {
    let rule = try #require(PosixZoneRule(text))
    #expect(rule.offset(atUTC: seconds) == expected, "\(text) at \(seconds)")
  }

  @Test func structure() throws {
    let paris = try #require(PosixZoneRule("CET-1CEST,M3.5.0,M10.5.0/3"))
    #expect(paris.standardOffset == 3600)
    #expect(paris.daylight?.offset == 7200)
    #expect(paris.daylight?.start.day == .monthWeek(month: 3, week: 5, weekday: 0))
    #expect(paris.daylight?.start.time == 7200)
    #expect(paris.daylight?.end.time == 3 * 3600)
    let tehran = try #require(PosixZoneRule("<+0330>-3:30"))
    #expect(tehran == PosixZoneRule(standardOffset: 12600, daylight: nil))
    let signed = try #require(PosixZoneRule("<-02>2<-01>,M3.5.0/-1,M10.5.0/+0:30:15"))
    #expect(signed.daylight?.start.time == -3600)
    #expect(signed.daylight?.end.time == 1815)
    #expect(PosixZoneRule("XXX3YYY,J1/167,J365/-167")?.daylight?.end.time == -167 * 3600)
  }

  /// Without rules the United States ones apply, as glibc assumes.
  @Test func missingRulesMeanUnitedStatesRules() {
    #expect(PosixZoneRule("EST5EDT") == PosixZoneRule("EST5EDT,M3.2.0/2,M11.1.0/2"))
    #expect(PosixZoneRule("CET-1CEST")?.daylight?.offset == 7200)
  }

  /// (day, year, days since 1970-01-01), checked with Python's `date`.
  static let days: [(PosixZoneRule.Day, Int64, Int64)] = [
    (.julian(60), 2024, 19783),  // 2024-03-01
    (.julian(60), 2023, 19417),  // 2023-03-01
    (.julian(365), 2024, 20088),  // 2024-12-31
    (.zeroBased(59), 2024, 19782),  // 2024-02-29
    (.zeroBased(59), 2023, 19417),  // 2023-03-01
    (.zeroBased(365), 2024, 20088),  // 2024-12-31
    (.zeroBased(365), 2023, 19723),  // 2024-01-01
    (.monthWeek(month: 3, week: 5, weekday: 0), 2024, 19813),  // 2024-03-31
    (.monthWeek(month: 2, week: 5, weekday: 4), 2024, 19782),  // 2024-02-29, a Thursday
    (.monthWeek(month: 2, week: 5, weekday: 4), 2023, 19411),  // 2023-02-23
    (.monthWeek(month: 10, week: 5, weekday: 0), 2024, 20023),  // 2024-10-27
    (.monthWeek(month: 3, week: 5, weekday: 0), 2100, 47568),  // 2100-03-28
  ]

  @Test(arguments: days)
  func dayNumbers(_ day: PosixZoneRule.Day, _ year: Int64, _ expected: Int64) {
    #expect(day.dayNumber(year: year) == expected)
  }

  @Test(arguments: [
    "", "CET", "CE-1", "-1", "CET-1CEST,M3.5.0", "CET-1CEST,M3.5.0,", "CET-1CEST,M13.5.0,M10.5.0",
    "CET-1CEST,M0.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.0.0,M10.5.0",
    "CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,J0,J365", "CET-1CEST,J366,J1", "CET-1CEST,366,1",
    "CET25", "CET-1:60", "CET-1:00:60", "CET-1CEST,M3.5.0/168,M10.5.0", "<+03", "<ab>3",
    "<+03>-3 ", "CET-1CEST,M3.5.0,M10.5.0/3x", "CET-1CEST-2-3", "CET1000", "CET-1CEST,M3.5,M10.5.0",
    "CET-1\u{0}", "CET-1CEST,M03.5.0.1,M10.5.0", "CET-1CEST,J9999999999999999999999,J1",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(PosixZoneRule(text) == nil, "\(text)")
  }

  @Test(arguments: ["CET-1CEST,M3.5.0,M10.5.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3", "IST-5:30"])
  func extremeInstantsDoNotTrap(_ text: String) throws {
    let rule = try #require(PosixZoneRule(text))
    for seconds in [Int64.min, Int64.min + 1, -1 << 41, 0, 1 << 41, Int64.max - 1, Int64.max] {
      #expect(abs(rule.offset(atUTC: seconds)) <= 26 * 3600)
    }
  }
}
