import LogviewCore
import Testing

@testable import LogviewUI

/// 2024-03-16T00:00:00Z in nanoseconds: the day of TimeTestData.acrossDays' newest record.
private let day16: Int64 = 1_710_547_200_000_000_000
private let second: Int64 = 1_000_000_000
private let minute: Int64 = 60 * second
private let hour: Int64 = 60 * minute
private let newest = day16 + 11 * hour

@Suite struct TimeJumpTests {
  /// What the prompt's text means, "now" being the newest record (2024-03-16 11:00 UTC).
  static let targets: [(String, Int64?)] = [
    ("10:42", day16 + 10 * hour + 42 * minute),
    (" 10:42:07 ", day16 + 10 * hour + 42 * minute + 7 * second),
    ("9:05", day16 + 9 * hour + 5 * minute),
    ("2024-03-15 10:42:07", day16 - 24 * hour + 10 * hour + 42 * minute + 7 * second),
    ("2024-03-15T10:42:07Z", day16 - 24 * hour + 10 * hour + 42 * minute + 7 * second),
    ("2024-03-15T12:42:07+02:00", day16 - 24 * hour + 10 * hour + 42 * minute + 7 * second),
    ("2024-03-15", day16 - 24 * hour),
    ("-15m", newest - 15 * minute),
    ("-2h", newest - 2 * hour),
    ("15m", newest - 15 * minute),
    ("-1h30m", newest - 90 * minute),
    ("now", newest),
    ("25:00", nil),
    ("10:61", nil),
    ("yesterday", nil),
    ("-15x", nil),
    ("2024-13-01", nil),
  ]

  @Test(arguments: targets)
  func promptTextMeansATime(_ text: String, _ expected: Int64?) {
    let result = TimeJump.target(text, newest: newest, zone: .utc)
    switch result {
    case .success(let time): #expect(time == expected, "\(text)")
    case .failure(let error):
      #expect(expected == nil, "\(text): \(error)")
      #expect(error == .notATime(text.trimmingWhitespace()))
    }
  }

  @Test func emptyAndBadInputAreWorded() {
    #expect(TimeJump.target("  ", newest: newest, zone: .utc) == .failure(.empty))
    let message = TimeJumpError.notATime("10:61").message(zone: .utc)
    #expect(message.hasPrefix("not a time: '10:61'") && message.contains("-15m"))
    #expect(
      TimeJumpError.nothingAfter(target: newest + hour, newest: newest).message(zone: .utc)
        == "nothing at or after 2024-03-16 12:00:00 (the last is 2024-03-16 11:00:00)")
  }

  /// A bare time of day is on the newest record's day in the chosen zone.
  @Test func bareTimeIsOnTheNewestRecordsDayInTheZone() throws {
    let zone = try #require(TimeZoneRule(offsetSeconds: -5 * 3600))
    // 11:00 UTC is 06:00 at -05:00, still the 16th: 10:42 there is 15:42 UTC.
    let time = try TimeJump.target("10:42", newest: newest, zone: zone).get()
    #expect(time == day16 + 15 * hour + 42 * minute)
  }

  /// (prompt, row selected) over TimeTestData.acrossDays: rows 0-6, row 5 without a time.
  static let rows: [(String, Int?)] = [
    ("10:42", 3),
    ("10:42:07", 4),
    ("10:42:08", 6),
    ("2024-03-15 00:00:00", 1),
    ("2024-03-15T00:00:02Z", 2),
    ("2024-03-01", 0),
    ("-15m", 6),
    ("-2h", 3),
    ("11:00:00.001", nil),
  ]

  @Test(arguments: rows)
  func jumpsToTheFirstRowAtOrAfter(_ text: String, _ row: Int?) throws {
    let data = try TimeTestData.data()
    #expect(data.syncedRowTimes().ordered)
    let target = try TimeJump.target(text, newest: newest, zone: .utc).get()
    #expect(TimeJump.firstRow(atOrAfter: target, data: data) == row, "\(text)")
    #expect(TimeJump.earliestRow(atOrAfter: target, data: data) == row, "\(text)")
  }

  /// Rows out of order: the earliest time at or after the one asked for, not merely the first
  /// row past it (which a binary search would pick by chance).
  @Test func rowsOutOfOrderAreAllLookedAt() throws {
    var lines = TimeTestData.acrossDays
    lines.swapAt(1, 4)  // 10:42:07.5 on the 16th now comes second.
    let data = try TimeTestData.data(lines)
    #expect(!data.syncedRowTimes().ordered)
    let target = try TimeJump.target("2024-03-15 00:00", newest: newest, zone: .utc).get()
    #expect(TimeJump.firstRow(atOrAfter: target, data: data) == 4)
    let later = try TimeJump.target("10:42:05", newest: newest, zone: .utc).get()
    #expect(TimeJump.firstRow(atOrAfter: later, data: data) == 1)
  }

  /// The binary search over rows in order agrees with looking at every row, whatever the
  /// runs of rows without a time.
  @Test func binarySearchAgreesWithAFullLook() throws {
    var lines = TimeTestData.steady(300)
    for i in stride(from: 290, to: 0, by: -7) {
      lines.insert(#"{"level":"info","msg":"untimed"}"#, at: i)
    }
    let data = try TimeTestData.data(lines, filter: "not msg~n1")
    #expect(data.syncedRowTimes().ordered)
    let start: Int64 = 1_710_496_800_000_000_000
    for offset in stride(from: -3, to: 305, by: 1) {
      let target = start + Int64(offset) * second + 500_000_000
      #expect(
        TimeJump.firstRowInOrder(atOrAfter: target, data: data)
          == TimeJump.earliestRow(atOrAfter: target, data: data), "offset \(offset)")
    }
  }

  // MARK: reducer

  static func run(_ keys: [Key], state: AppState = AppState(), data: ViewData) -> AppState {
    ReducerTests.run(keys, state: state, data: data)
  }

  static func typed(_ text: String) -> [Key] { [.char("T")] + text.map { .char($0) } + [.enter] }

  @Test func promptMovesTheSelectionAndCentersIt() throws {
    let data = try TimeTestData.data(TimeTestData.steady(200))
    var state = Self.run([.char("T")], data: data)
    #expect(state.mode == .time)
    state = Self.run(Array(Self.typed("10:01:40").dropFirst()), state: state, data: data)
    #expect(state.mode == .browse && state.main == .stream)
    #expect(state.stream.selected == 100 && !state.follow)
    // 30 rows high, 28 for the list: the row sits in the middle.
    #expect(state.stream.top == 100 - 14)
    #expect(state.notice == "at 2024-03-15 10:01:40.000")
  }

  @Test func badInputSaysSoAndStays() throws {
    let data = try TimeTestData.data()
    let state = Self.run(Self.typed("10:61"), data: data)
    #expect(state.stream.selected == data.rowCount - 1 && state.follow)
    #expect(state.notice?.hasPrefix("not a time: '10:61'") == true)
    let late = Self.run(Self.typed("23:00"), data: data)
    #expect(late.notice?.hasPrefix("nothing at or after 2024-03-16 23:00:00") == true)
    let escaped = Self.run([.char("T"), .char("1"), .escape], data: data)
    #expect(escaped.mode == .browse && escaped.notice == nil)
  }

  /// The jump looks at the filtered rows only.
  @Test func jumpStaysInTheFilteredView() throws {
    let data = try TimeTestData.data(TimeTestData.steady(200), filter: "level=error")
    let state = Self.run(Self.typed("10:01:40"), data: data)
    // Errors are every tenth record from n9: 10:01:49 is row 10.
    #expect(state.stream.selected == 10)
    #expect(state.notice == "at 2024-03-15 10:01:49.000")
  }
}
