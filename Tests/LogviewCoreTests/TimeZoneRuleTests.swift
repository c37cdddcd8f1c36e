import Foundation
import Testing

@testable import LogviewCore

private let second: Int64 = 1_000_000_000
private let minute: Int64 = 60 * second
private let hour: Int64 = 60 * minute

struct TimeZoneRuleTests {
  static let fixedNames: [(String, Int, String)] = [
    ("UTC", 0, "UTC"), ("utc", 0, "UTC"), ("Z", 0, "UTC"), ("z", 0, "UTC"), ("GMT", 0, "UTC"),
    (" UTC ", 0, "UTC"), ("Etc/UTC", 0, "UTC"), ("+00:00", 0, "UTC"),
    ("+02:00", 7200, "+02:00"), ("-0530", -19800, "-05:30"), ("+02", 7200, "+02:00"),
    ("+2", 7200, "+02:00"), ("UTC+2", 7200, "+02:00"), ("GMT-05:30", -19800, "-05:30"),
    ("utc+01:00", 3600, "+01:00"), ("+23:59", 86340, "+23:59"), ("-12:00", -43200, "-12:00"),
  ]

  @Test(arguments: fixedNames)
  func parsesFixedZones(_ name: String, _ offset: Int, _ identifier: String) throws {
    let zone = try #require(TimeZoneRule(name: name))
    #expect(zone.isFixed)
    #expect(zone.identifier == identifier)
    for instant in [Int64(0), 1_710_496_800 * second, Int64.min, Int64.max] {
      #expect(zone.offsetSeconds(atUTC: instant) == offset)
      #expect(zone.offsetSeconds(forWallClock: instant) == offset)
    }
  }

  @Test(arguments: [
    "", "   ", "garbage", "Nowhere/City", "+24:00", "+02:60", "+", "-", "+020", "+02:0", "+02::00",
    "02:00", "UTC+", "UTC+25", "+0200x", "Europe/", "local time",
  ])
  func rejectsUnknownNames(_ name: String) {
    #expect(TimeZoneRule(name: name) == nil, "\(name)")
  }

  @Test func defaultIsUTC() {
    #expect(TimeZoneRule() == .utc)
    #expect(TimeZoneRule.utc.offsetSeconds(atUTC: 123) == 0)
    #expect(TimeZoneRule.utc.identifier == "UTC")
  }

  @Test func fixedOffsetInitializer() {
    #expect(TimeZoneRule(offsetSeconds: 3600)?.offsetSeconds(atUTC: 0) == 3600)
    #expect(TimeZoneRule(offsetSeconds: 0) == .utc)
    #expect(TimeZoneRule(offsetSeconds: 100 * 3600) == nil)
  }

  @Test func equality() throws {
    #expect(TimeZoneRule(name: "+02:00") == TimeZoneRule(name: "UTC+2"))
    #expect(TimeZoneRule(name: "+02:00") != TimeZoneRule(name: "+03:00"))
    #expect(TimeZoneRule(name: "Europe/Paris") == TimeZoneRule(name: "Europe/Paris"))
    #expect(TimeZoneRule(name: "Europe/Paris") != TimeZoneRule(name: "Europe/Berlin"))
    #expect(TimeZoneRule(name: "Europe/Paris") != TimeZoneRule(name: "+01:00"))
    #expect(try #require(TimeZoneRule(name: "Europe/Paris")).identifier == "Europe/Paris")
    #expect(try #require(TimeZoneRule(name: "Europe/Paris")).isFixed == false)
  }

  @Test func localMatchesFoundation() throws {
    let zone = try #require(TimeZoneRule(name: "local"))
    #expect(TimeZoneRule(name: "LOCAL") != nil)
    for seconds in [Int64(0), 1_710_496_800, 1_719_828_000, 1_705_320_000] {
      let expected = TimeZone.current.secondsFromGMT(
        for: Date(timeIntervalSince1970: Double(seconds)))
      #expect(zone.offsetSeconds(atUTC: seconds * second) == expected)
    }
  }

  /// (zone, UTC seconds, expected offset): instants on both sides of DST transitions.
  static let knownOffsets: [(String, Int64, Int)] = [
    ("Europe/Paris", 1_705_320_000, 3600),  // 2024-01-15 winter
    ("Europe/Paris", 1_719_828_000, 7200),  // 2024-07-01 summer
    ("Europe/Paris", 1_711_846_799, 3600),  // 2024-03-31T00:59:59Z
    ("Europe/Paris", 1_711_846_800, 7200),  // 2024-03-31T01:00:00Z
    ("Europe/Paris", 1_729_990_799, 7200),  // 2024-10-27T00:59:59Z
    ("Europe/Paris", 1_729_990_800, 3600),  // 2024-10-27T01:00:00Z
    ("America/New_York", 1_710_053_999, -18000),  // 2024-03-10T06:59:59Z
    ("America/New_York", 1_710_054_000, -14400),  // 2024-03-10T07:00:00Z
    ("America/New_York", 1_730_613_599, -14400),  // 2024-11-03T05:59:59Z
    ("America/New_York", 1_730_613_600, -18000),  // 2024-11-03T06:00:00Z
    ("Australia/Lord_Howe", 1_728_142_199, 37800),  // 2024-10-05T15:29:59Z, +10:30
    ("Australia/Lord_Howe", 1_728_142_200, 39600),  // 2024-10-05T15:30:00Z, +11:00
    ("Asia/Kolkata", 1_710_496_800, 19800),
    ("America/St_Johns", 1_705_320_000, -12600),
  ]

  @Test(arguments: knownOffsets)
  func knownOffsetsAtUTC(_ name: String, _ seconds: Int64, _ expected: Int) throws {
    let zone = try #require(TimeZoneRule(name: name))
    #expect(zone.offsetSeconds(atUTC: seconds * second) == expected)
    // Again, now from the cache.
    #expect(zone.offsetSeconds(atUTC: seconds * second + 1) == expected)
  }

  /// Every 5 minutes for 6 hours around each transition, forward then backward: the cached
  /// answer must equal Foundation's.
  static let transitions: [(String, Int64)] = [
    ("Europe/Paris", 1_711_846_800), ("Europe/Paris", 1_729_990_800),
    ("America/New_York", 1_710_054_000), ("Australia/Lord_Howe", 1_728_142_200),
    ("Australia/Lord_Howe", 1_712_415_600), ("Pacific/Chatham", 1_712_415_600),
    ("America/St_Johns", 1_710_054_000),
  ]

  @Test(arguments: transitions)
  func cacheAgreesWithFoundationAroundTransitions(_ name: String, _ around: Int64) throws {
    let zone = try #require(TimeZoneRule(name: name))
    let foundation = try #require(TimeZone(identifier: name))
    let instants = Array(stride(from: around - 3 * 3600, through: around + 3 * 3600, by: 300))
    for seconds in instants + instants.reversed() {
      let expected = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
      #expect(zone.offsetSeconds(atUTC: seconds * second) == expected, "\(name) \(seconds)")
    }
  }

  /// For every UTC instant u near a transition, the wall time u + offset(u) must resolve
  /// back to a UTC instant that shows that same wall time (in an overlap either one).
  @Test(arguments: transitions)
  func wallClockResolvesToAMatchingInstant(_ name: String, _ around: Int64) throws {
    let zone = try #require(TimeZoneRule(name: name))
    for seconds in stride(from: around - 3 * 3600, through: around + 3 * 3600, by: 300) {
      let wall = seconds + Int64(zone.offsetSeconds(atUTC: seconds * second))
      let utc = wall - Int64(zone.offsetSeconds(forWallClock: wall * second))
      #expect(utc + Int64(zone.offsetSeconds(atUTC: utc * second)) == wall, "\(name) \(seconds)")
    }
  }

  static let wallClocks: [(String, Int64, [Int])] = [
    ("Europe/Paris", 1_711_850_399, [3600]),  // 2024-03-31 01:59:59 wall
    ("Europe/Paris", 1_711_852_200, [3600]),  // 02:30 wall: in the gap, moved forward
    ("Europe/Paris", 1_711_854_000, [7200]),  // 03:00 wall
    ("Europe/Paris", 1_729_996_200, [3600, 7200]),  // 2024-10-27 02:30 wall: overlap
    ("Europe/Paris", 1_719_835_200, [7200]),  // 2024-07-01 12:00 wall
    ("America/New_York", 1_710_037_800, [-18000]),  // 2024-03-10 02:30 wall: gap
    ("America/New_York", 1_730_597_400, [-14400, -18000]),  // 2024-11-03 01:30 wall: overlap
  ]

  @Test(arguments: wallClocks)
  func wallClockOffsets(_ name: String, _ wallSeconds: Int64, _ allowed: [Int]) throws {
    let zone = try #require(TimeZoneRule(name: name))
    let offset = zone.offsetSeconds(forWallClock: wallSeconds * second)
    #expect(allowed.contains(offset), "\(offset)")
    #expect(zone.offsetSeconds(forWallClock: wallSeconds * second + 1) == offset)
  }

  @Test func extremeInstantsDoNotTrap() throws {
    let zone = try #require(TimeZoneRule(name: "Europe/Paris"))
    for instant in [Int64.min, Int64.min + 1, -1, 0, Int64.max - 1, Int64.max] {
      let offset = zone.offsetSeconds(atUTC: instant)
      #expect(abs(offset) < 86_400)
      #expect(abs(zone.offsetSeconds(forWallClock: instant)) < 86_400)
    }
  }

  @Test func concurrentLookupsAgree() async throws {
    let zone = try #require(TimeZoneRule(name: "America/New_York"))
    let summer = 1_719_828_000 * second
    let winter = 1_700_006_400 * second  // 2023-11-15
    let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
      for task in 0..<8 {
        group.addTask {
          var ok = true
          for k in 0..<2_000 {
            let useSummer = (k + task) % 2 == 0
            // Within 60 days of each anchor: clear of the DST transitions.
            let instant =
              (useSummer ? summer : winter) + Int64(k % 60) * 24 * hour + Int64(k) * minute
            let expected = useSummer ? -14400 : -18000
            if zone.offsetSeconds(atUTC: instant) != expected { ok = false }
          }
          return ok
        }
      }
      var all: [Bool] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results == Array(repeating: true, count: 8))
  }
}
