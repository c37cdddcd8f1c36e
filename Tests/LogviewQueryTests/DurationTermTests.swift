import LogviewCore
import Testing

@testable import LogviewQuery

/// `duration`: the record's duration through the one duration reader, whichever key and unit
/// it is written in.
@Suite struct DurationTermTests {
  static let lines: [String] = [
    #"{"durationMs":120}"#,  // 0: 120 ms
    #"{"duration_ms":2400}"#,  // 1: 2.4 s
    #"{"request_time":"0.250"}"#,  // 2: nginx, seconds: 250 ms
    #"{"elapsed":"1.5s"}"#,  // 3: a Go duration
    #"{"msg":"no duration"}"#,  // 4
    #"{"durationMs":50,"duration":"9s"}"#,  // 5: the first key wins: 50 ms
    "took 5s in a raw line",  // 6
  ]

  static let cases: [(String, Set<Int>)] = [
    ("duration>250ms", [1, 3]),
    ("duration>=250ms", [1, 2, 3]),
    ("duration>=0.25s", [1, 2, 3]),
    ("duration<100", [5]),
    ("duration=120", [0]),
    ("duration=2.4s", [1]),
    ("duration!=120ms", [1, 2, 3, 5]),
    ("exists(duration)", [0, 1, 2, 3, 5]),
    ("duration:*", [0, 1, 2, 3, 5]),
    ("not exists(duration)", [4, 6]),
    ("duration>=1s or duration<60ms", [1, 3, 5]),
  ]

  @Test(arguments: cases)
  func keeps(_ query: String, _ expected: Set<Int>) throws {
    let filter = try Query.parse(query).compile(now: 0, zone: .utc)
    let normalizer = Normalizer()
    var kept: Set<Int> = []
    for (index, line) in Self.lines.enumerated() {
      let keep = Array(line.utf8).withUnsafeBytes {
        normalizer.withRecord($0) { filter.matches($0) }
      }
      if keep { kept.insert(index) }
    }
    #expect(kept == expected, "\(query)")
  }

  static let errors: [(String, Int, String)] = [
    ("duration~5", 9, "'~' does not apply to duration"),
    ("duration>fast", 10, "invalid duration 'fast'"),
    (#"duration>"5ms""#, 10, "invalid duration '5ms'"),
    ("duration in (1, 2)", 1, "'in' does not apply to duration"),
  ]

  @Test(arguments: errors)
  func rejects(_ query: String, _ column: Int, _ fragment: String) {
    #expect {
      try Query.parse(query).compile(now: 0, zone: .utc)
    } throws: { error in
      guard let error = error as? QueryError else { return false }
      return error.column == column && error.message.contains(fragment)
    }
  }

  /// The record's duration is no field of it: the 'no record has field' hint leaves it out.
  @Test func notAFieldPath() throws {
    #expect(try Query.parse("duration>1s durationMs>1").fieldPaths == ["durationMs"])
  }
}
