import Glibc
import LogviewSystem
import LogviewTestSupport
import Testing

@testable import LogviewCore

private let systemDirectory = "/usr/share/zoneinfo"

/// TZif bytes laid out by hand (RFC 8536): a v1 block, then for v2+ a v64 block and footer.
private struct TZifData {
  var version = UInt8(ascii: "2")
  var transitions: [Int64] = []
  var typeIndices: [UInt8] = []
  var types: [(offset: Int32, isDaylight: UInt8)] = [(0, 0)]
  var footer = ""
  /// Replaces the six counts of the 64-bit block's header, to corrupt them.
  var counts: [Int64]?

  var bytes: [UInt8] {
    var out = block(timeSize: 4, counts: nil)
    guard version != 0 else { return out }
    out += block(timeSize: 8, counts: counts)
    return out + Array("\n\(footer)\n".utf8)
  }

  private func block(timeSize: Int, counts: [Int64]?) -> [UInt8] {
    var out = Array("TZif".utf8) + [version] + Array(repeating: 0, count: 15)
    let real = [0, 0, 0, transitions.count, types.count, 4].map(Int64.init)
    for count in counts ?? real { out += bigEndian(count, size: 4) }
    for time in transitions { out += bigEndian(time, size: timeSize) }
    out += typeIndices
    for type in types { out += bigEndian(Int64(type.offset), size: 4) + [type.isDaylight, 0] }
    return out + Array("XYZ\0".utf8)
  }

  private func bigEndian(_ value: Int64, size: Int) -> [UInt8] {
    (0..<size).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}

/// Types 0 (DST +2), 1 (+1), 2 (+1:30); type 1 is the first standard one, so it applies
/// before the first transition.
private let sample = TZifData(
  transitions: [-864_000, 0, 864_000], typeIndices: [0, 2, 1],
  types: [(7200, 1), (3600, 0), (5400, 0)])

private func writeFile(_ bytes: [UInt8], to path: String) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  precondition(fd >= 0, "cannot create \(path)")
  defer { close(fd) }
  var written = 0
  while written < bytes.count {
    let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
    precondition(n > 0)
    written += n
  }
}

private func makeDirectory(_ path: String) {
  precondition(mkdir(path, 0o755) == 0 || errno == EEXIST, "cannot create \(path)")
}

@Suite struct ZoneInfoTests {
  /// (zone, UTC seconds, offset); each value agreed between CPython's zoneinfo and
  /// `TZ=zone date -d @seconds +%::z`.
  static let knownOffsets: [(String, Int64, Int)] = [
    ("Europe/Paris", 1_711_846_799, 3600),  // 2024-03-31T00:59:59Z
    ("Europe/Paris", 1_711_846_800, 7200),  // 2024-03-31T01:00:00Z
    ("Europe/Paris", 1_729_990_799, 7200),  // 2024-10-27T00:59:59Z
    ("Europe/Paris", 1_729_990_800, 3600),  // 2024-10-27T01:00:00Z
    ("America/New_York", 1_710_053_999, -18000),
    ("America/New_York", 1_710_054_000, -14400),
    ("America/New_York", 1_730_613_599, -14400),
    ("America/New_York", 1_730_613_600, -18000),
    ("Australia/Lord_Howe", 1_728_142_199, 37800),  // +10:30 -> +11 (30-minute DST)
    ("Australia/Lord_Howe", 1_728_142_200, 39600),
    ("Australia/Lord_Howe", 1_712_415_599, 39600),
    ("Australia/Lord_Howe", 1_712_415_600, 37800),
    ("Asia/Kolkata", 1_710_496_800, 19800),
    ("Asia/Tehran", 1_719_792_000, 12600),  // 2024, no DST any more
    ("Asia/Tehran", 1_590_969_600, 16200),  // 2020-06-01, DST
    ("Pacific/Chatham", 1_705_320_000, 49500),  // +13:45
    ("Pacific/Chatham", 1_719_792_000, 45900),  // +12:45
    ("Europe/Dublin", 1_705_320_000, 0),
    ("Europe/Dublin", 1_719_792_000, 3600),
    ("Africa/Casablanca", 1_711_000_000, 0),  // Ramadan
    ("Africa/Casablanca", 1_719_792_000, 3600),
    // 2100, past the last transition: the footer rule.
    ("Europe/Paris", 4_102_444_800, 3600),
    ("Europe/Paris", 4_118_083_200, 7200),
    ("America/New_York", 4_118_083_200, -14400),
    ("Australia/Sydney", 4_102_444_800, 39600),
    ("Australia/Sydney", 4_118_083_200, 36000),
    // 1850, before standard time: local mean time.
    ("Europe/Paris", -3_786_825_600, 561),
    ("America/New_York", -3_786_825_600, -17762),
    ("Asia/Kolkata", -3_786_825_600, 21208),
  ]

  @Test(arguments: knownOffsets)
  func systemZones(_ name: String, _ seconds: Int64, _ expected: Int) throws {
    let zone = try #require(ZoneInfo.named(name, in: systemDirectory))
    #expect(zone.identifier == name)
    #expect(zone.offset(atUTC: seconds) == expected, "\(name) at \(seconds)")
  }

  /// (footer, UTC seconds, offset) for `sample`; checked with CPython's zoneinfo on the same
  /// bytes. At the last transition its own type applies; the footer only after it.
  static let sampleOffsets: [(String, Int64, Int)] = [
    ("", -900_000, 3600), ("", -864_001, 3600), ("", -864_000, 7200), ("", -1, 7200),
    ("", 0, 5400), ("", 863_999, 5400), ("", 864_000, 3600), ("", 900_000, 3600),
    ("<+04>-4", 863_999, 5400), ("<+04>-4", 864_000, 3600), ("<+04>-4", 900_000, 14400),
  ]

  @Test(arguments: sampleOffsets)
  func builtZone(_ footer: String, _ seconds: Int64, _ expected: Int) throws {
    var data = sample
    data.footer = footer
    let zone = try #require(ZoneInfo(tzif: data.bytes, identifier: "sample"))
    #expect(zone.offset(atUTC: seconds) == expected)
    // A v1-only file has the same transitions and no footer.
    data.version = 0
    let v1 = try #require(ZoneInfo(tzif: data.bytes, identifier: "v1"))
    #expect(v1.offset(atUTC: seconds) == (footer.isEmpty || seconds <= 864_000 ? expected : 3600))
  }

  @Test func zonesWithoutTransitions() throws {
    let onlyDaylight = TZifData(types: [(7200, 1)])
    #expect(ZoneInfo(tzif: onlyDaylight.bytes, identifier: "x")?.offset(atUTC: 0) == 7200)
    // No transitions: the footer rule holds throughout, as a slim file may have it.
    let slim = TZifData(types: [(3600, 0)], footer: "CET-1CEST,M3.5.0,M10.5.0/3")
    let zone = try #require(ZoneInfo(tzif: slim.bytes, identifier: "slim"))
    #expect(zone.offset(atUTC: 1_705_320_000) == 3600)
    #expect(zone.offset(atUTC: 1_719_792_000) == 7200)
    for version in ["3", "4"] {
      var newer = slim
      newer.version = UInt8(ascii: Unicode.Scalar(version) ?? "2")
      #expect(ZoneInfo(tzif: newer.bytes, identifier: "v")?.offset(atUTC: 1_719_792_000) == 7200)
    }
  }

  @Test func ruleOnlyZone() throws {
    let rule = try #require(PosixZoneRule("EST5EDT,M3.2.0,M11.1.0"))
    let zone = ZoneInfo(rule: rule, identifier: "EST5EDT,M3.2.0,M11.1.0")
    #expect(zone.offset(atUTC: 1_710_053_999) == -18000)
    #expect(zone.offset(atUTC: 1_710_054_000) == -14400)
  }

  static let corruptions: [(String, [UInt8])] = {
    func with(_ change: (inout TZifData) -> Void) -> [UInt8] {
      var data = sample
      change(&data)
      return data.bytes
    }
    let valid = sample.bytes
    var cases: [(String, [UInt8])] = [
      ("empty", []),
      ("bad magic", [UInt8(ascii: "X")] + valid.dropFirst()),
      ("version 1", with { $0.version = UInt8(ascii: "1") }),
      ("no types", with { ($0.types, $0.typeIndices, $0.transitions) = ([], [], []) }),
      ("type index out of range", with { $0.typeIndices = [0, 2, 3] }),
      ("transitions out of order", with { $0.transitions = [0, -864_000, 864_000] }),
      ("repeated transition", with { $0.transitions = [0, 0, 864_000] }),
      ("offset beyond 26 hours", with { $0.types[1].offset = 100_000 }),
      ("offset of -2^31", with { $0.types[1].offset = Int32.min }),
      ("isdst of 2", with { $0.types[2].isDaylight = 2 }),
      ("isutcnt not typecnt", with { $0.counts = [1, 0, 0, 3, 3, 4] }),
      ("isstdcnt not typecnt", with { $0.counts = [0, 2, 0, 3, 3, 4] }),
      ("typecnt 0", with { $0.counts = [0, 0, 0, 3, 0, 4] }),
      ("typecnt 257", with { $0.counts = [0, 0, 0, 3, 257, 4] }),
      ("huge timecnt", with { $0.counts = [0, 0, 0, 0x7FFF_FFFF, 3, 4] }),
      ("huge leapcnt", with { $0.counts = [0, 0, 0x7FFF_FFFF, 3, 3, 4] }),
      ("huge charcnt", with { $0.counts = [0, 0, 0, 3, 3, 0x7FFF_FFFF] }),
      ("count of 2^32 - 1", with { $0.counts = [0, 0, 0, 0xFFFF_FFFF, 3, 4] }),
      ("footer not a rule", with { $0.footer = "garbage" }),
      ("footer cut by a newline", with { $0.footer = "CET\n-1" }),
      ("footer unterminated", Array(valid.dropLast())),
    ]
    // The v1 block of a v2 file alone: version says 2 but nothing follows it.
    var v1Only = sample
    v1Only.version = 0
    var headless = v1Only.bytes
    headless[4] = UInt8(ascii: "2")
    cases.append(("v2 header, v1 data only", headless))
    // The footer's opening newline replaced.
    var noOpening = valid
    noOpening[valid.count - 2] = UInt8(ascii: "X")
    cases.append(("footer without its opening newline", noOpening))
    return cases
  }()

  @Test(arguments: corruptions)
  func corruptDataIsRejected(_ name: String, _ bytes: [UInt8]) {
    #expect(ZoneInfo(tzif: bytes, identifier: "x") == nil, "\(name)")
  }

  /// Every strict prefix of a valid file is invalid: the footer needs its closing newline.
  @Test func truncatedDataIsRejected() throws {
    let paris = try #require(FileContents.read(systemDirectory + "/Europe/Paris"))
    var withFooter = sample
    withFooter.footer = "<+04>-4"
    var v1 = sample
    v1.version = 0
    for bytes in [paris, sample.bytes, withFooter.bytes, v1.bytes] {
      #expect(ZoneInfo(tzif: bytes, identifier: "whole") != nil)
      for length in 0..<bytes.count {
        #expect(ZoneInfo(tzif: Array(bytes[0..<length]), identifier: "cut") == nil, "\(length)")
      }
    }
  }

  /// Random byte damage to a real file: any answer is acceptable except a crash or an
  /// offset beyond the limits.
  @Test func mutatedDataNeverTraps() throws {
    let paris = try #require(FileContents.read(systemDirectory + "/Europe/Paris"))
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(truncatingIfNeeded: state >> 1)
    }
    for _ in 0..<3000 {
      var bytes = paris
      for _ in 0...(next() % 4) {
        bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
      }
      guard let zone = ZoneInfo(tzif: bytes, identifier: "mutated") else { continue }
      for seconds in [Int64.min, -3_786_825_600, 0, 1_719_792_000, 4_118_083_200, Int64.max] {
        #expect(abs(zone.offset(atUTC: seconds)) <= 26 * 3600)
      }
    }
  }

  @Test(arguments: [
    "", "Nowhere/City", "Europe", "Europe/", "zone.tab", "tzdata.zi", "../zoneinfo/Europe/Paris",
    "Europe/../Europe/Paris", "..", "/usr/share/zoneinfo/Europe/Paris", "Europe/Paris\u{0}x",
  ])
  func unknownOrUnsafeNamesAreRejected(_ name: String) {
    #expect(ZoneInfo.named(name, in: systemDirectory) == nil, "\(name)")
  }

  @Test func filesInADirectory() throws {
    let temp = TempDirectory("zoneinfo-test")
    let directory = temp.file("zoneinfo")
    makeDirectory(directory)
    makeDirectory(directory + "/Sub")
    writeFile(sample.bytes, to: directory + "/Sub/Good")
    writeFile(sample.bytes, to: temp.file("outside"))
    writeFile(Array(sample.bytes.dropLast(5)), to: directory + "/Cut")
    writeFile([], to: directory + "/Empty")
    writeFile(Array("# not a zone\n".utf8), to: directory + "/Text")
    // Valid data padded past the 1 MB cap.
    writeFile(
      sample.bytes + Array(repeating: 0, count: ZoneInfo.maxFileSize), to: directory + "/Huge")
    #expect(mkfifo(directory + "/Fifo", 0o644) == 0)
    #expect(symlink(directory + "/Sub/Good", directory + "/Link") == 0)
    #expect(symlink(directory + "/Missing", directory + "/Dangling") == 0)

    #expect(ZoneInfo.named("Sub/Good", in: directory)?.identifier == "Sub/Good")
    #expect(ZoneInfo.named("Sub/Good", in: directory)?.offset(atUTC: 0) == 5400)
    #expect(ZoneInfo.named("Link", in: directory)?.offset(atUTC: 0) == 5400)
    for bad in ["Cut", "Empty", "Text", "Huge", "Fifo", "Dangling", "Sub", "Missing"] {
      #expect(ZoneInfo.named(bad, in: directory) == nil, "\(bad)")
    }
    // The file outside is valid, yet unreachable by a name.
    #expect(FileContents.read(temp.file("outside")) != nil)
    #expect(ZoneInfo.named("../outside", in: directory) == nil)
    #expect(ZoneInfo.named("Sub/../../outside", in: directory) == nil)
    #expect(ZoneInfo.named(temp.file("outside"), in: directory) == nil)
  }

  /// (TZ value, identifier, UTC seconds, offset); nil identifier means UTC (no zone).
  static let tzValues: [(String, String?, Int64, Int)] = [
    (":Europe/Paris", "Europe/Paris", 1_719_792_000, 7200),
    ("Europe/Paris", "Europe/Paris", 1_705_320_000, 3600),
    (":/usr/share/zoneinfo/Asia/Kolkata", "Asia/Kolkata", 1_710_496_800, 19800),
    ("CET-1CEST,M3.5.0,M10.5.0/3", "CET-1CEST,M3.5.0,M10.5.0/3", 1_719_792_000, 7200),
    ("<+0330>-3:30", "<+0330>-3:30", 1_719_792_000, 12600),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3", 1_705_320_000, 39600),
    ("", nil, 0, 0), (":", nil, 0, 0), ("Nowhere/City", nil, 0, 0), ("garbage", nil, 0, 0),
    (":/nonexistent/zone", nil, 0, 0), (":../etc/passwd", nil, 0, 0),
  ]

  @Test(arguments: tzValues)
  func localFromTZ(_ tz: String, _ identifier: String?, _ seconds: Int64, _ offset: Int) {
    let zone = ZoneInfo.local(tz: tz, directory: systemDirectory)
    #expect(zone?.identifier == identifier)
    if zone != nil { #expect(zone?.offset(atUTC: seconds) == offset) }
  }

  @Test func localFromLocaltime() throws {
    let temp = TempDirectory("localtime-test")
    let tokyo = systemDirectory + "/Asia/Tokyo"
    let bytes = try #require(FileContents.read(tokyo))
    #expect(symlink(tokyo, temp.file("absolute")) == 0)
    makeDirectory(temp.file("zoneinfo"))
    makeDirectory(temp.file("zoneinfo/Asia"))
    makeDirectory(temp.file("etc"))
    writeFile(bytes, to: temp.file("zoneinfo/Asia/Tokyo"))
    #expect(symlink("../zoneinfo/Asia/Tokyo", temp.file("etc/relative")) == 0)
    writeFile(bytes, to: temp.file("copy"))

    func local(_ name: String, directory: String = systemDirectory) -> ZoneInfo? {
      ZoneInfo.local(tz: nil, directory: directory, localtime: temp.file(name))
    }
    #expect(local("absolute")?.identifier == "Asia/Tokyo")
    #expect(local("absolute")?.offset(atUTC: 1_719_792_000) == 32400)
    #expect(local("etc/relative")?.identifier == "Asia/Tokyo")
    #expect(local("copy")?.identifier == "local")
    #expect(local("copy")?.offset(atUTC: 1_719_792_000) == 32400)
    #expect(local("missing") == nil)
    // A link into a TZDIR that is not called zoneinfo.
    #expect(symlink(temp.file("copy"), temp.file("custom")) == 0)
    #expect(local("custom", directory: temp.path)?.identifier == "copy")
  }

  /// TimeZoneRule resolves names through ZoneInfo, after trimming Unicode blanks.
  @Test func timeZoneRuleNames() throws {
    let paris = try #require(TimeZoneRule(name: "\tEurope/Paris\u{3000}"))
    #expect(paris.identifier == "Europe/Paris")
    #expect(paris.offsetSeconds(atUTC: 1_719_792_000 * 1_000_000_000) == 7200)
    #expect(TimeZoneRule(name: "../../etc/localtime") == nil)
    #expect(TimeZoneRule(name: "/etc/localtime") == nil)
    #expect(TimeZoneRule(name: "Etc/UTC")?.isFixed == true)
  }
}

/// Tests that change the process environment, one at a time. Other suites may run meanwhile,
/// so the values set here give the same offsets as the values they replace, and each test
/// restores what it changed.
@Suite(.serialized) struct ZoneInfoEnvironmentTests {
  private func withEnvironment(_ name: String, _ value: String?, _ body: () throws -> Void)
    rethrows
  {
    let saved = getenv(name).map { String(cString: $0) }
    if let value { setenv(name, value, 1) } else { unsetenv(name) }
    defer {
      if let saved { setenv(name, saved, 1) } else { unsetenv(name) }
    }
    try body()
  }

  @Test func tzNamesTheLocalZone() throws {
    guard FileContents.read("/etc/localtime") != nil else { return }
    // The same zone as without TZ, under another name: proof that TZ was read.
    withEnvironment("TZ", ":/etc/localtime") {
      #expect(ZoneInfo.local()?.identifier == "/etc/localtime")
      #expect(TimeZoneRule(name: "local")?.identifier == "/etc/localtime")
    }
  }

  @Test func tzdirChoosesTheDirectory() throws {
    let temp = TempDirectory("tzdir-test")
    // A link to the real directory, so lookups running meanwhile see the same zones.
    #expect(symlink(systemDirectory, temp.file("zoneinfo")) == 0)
    withEnvironment("TZDIR", temp.file("zoneinfo")) {
      #expect(ZoneInfo.directory == temp.file("zoneinfo"))
      #expect(ZoneInfo.named("Europe/Paris")?.offset(atUTC: 1_719_792_000) == 7200)
    }
    withEnvironment("TZDIR", "") { #expect(ZoneInfo.directory == systemDirectory) }
  }
}
