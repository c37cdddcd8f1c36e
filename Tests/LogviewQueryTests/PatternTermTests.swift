import LogviewCore
import Testing

@testable import LogviewQuery

/// `pattern=ID` and `pattern="template"`: a record's message pattern, decided from the
/// record alone.
@Suite struct PatternTermTests {
  static let lines: [String] = [
    // 0
    #"{"level":"error","msg":"acme-pay did not answer in 1501 ms, retrying"}"#,
    // 1
    #"{"level":"warn","msg":"acme-pay did not answer in 908 ms, retrying"}"#,
    // 2
    #"{"level":"error","msg":"acme-pay did not answer in time, retrying"}"#,
    // 3
    "2024-03-15 10:00:04 worker crashed after 30 tries",
    // 4
    #"{"level":"info","message":"cart ord_77x1 validated"}"#,
    // 5
    #"{"level":"info","message":"cart 1234 validated"}"#,
  ]

  static let retry = MessagePattern.idText(
    MessagePattern.id(ofTemplate: "acme-pay did not answer in 5 ms, retrying"))

  static let cases: [(String, Set<Int>)] = [
    ("pattern=\(retry)", [0, 1]),
    ("pattern:\(retry.uppercased())", [0, 1]),
    ("pattern!=\(retry)", [2, 3, 4, 5]),
    ("not pattern=\(retry) level=error", [2]),
    (#"pattern="acme-pay did not answer in <num> ms, retrying""#, [0, 1]),
    (#"pattern="acme-pay did not answer in <*> ms, retrying""#, [0, 1]),
    (#"pattern="cart <*> validated""#, [4, 5]),
    (#"pattern="cart <id> validated""#, [4, 5]),
    // A raw line's message is the whole line, its time folded too.
    (#"pattern="<time> <time> worker crashed after <num> tries""#, [3]),
    // A regex-looking value is text: no message is "/a+/".
    ("pattern=/a+/", []),
    ("pattern in (\(retry), 00000000)", [0, 1]),
    ("pattern=00000000", []),
  ]

  @Test(arguments: cases)
  func keeps(_ query: String, _ expected: Set<Int>) throws {
    let filter = try Query.parse(query).compile(now: 0, zone: .utc)
    let normalizer = Normalizer()
    var kept: Set<Int> = []
    for (index, line) in Self.lines.enumerated() {
      let keep = Array(line.utf8).withUnsafeBytes { buffer in
        normalizer.withRecord(buffer) { filter.matches($0) }
      }
      if keep { kept.insert(index) }
    }
    #expect(kept == expected)
  }

  @Test(arguments: [
    ("pattern~abc", 8, "'~' does not apply to pattern"),
    ("pattern>abc", 8, "'>' does not apply to pattern"),
  ])
  func rejects(_ query: String, _ column: Int, _ fragment: String) throws {
    let parsed = try Query.parse(query)
    #expect {
      try parsed.compile(now: 0, zone: .utc)
    } throws: { error in
      guard let error = error as? QueryError else { return false }
      return error.column == column && error.message.contains(fragment)
    }
  }

  /// A pattern term reads the record's fields; it is no field of the record.
  @Test func readsFieldsAndNamesNoField() throws {
    let query = try Query.parse("pattern=\(Self.retry) user.id=4")
    #expect(query.fieldPaths == ["user.id"])
    #expect(try query.compile(now: 0, zone: .utc).reads.contains(.fields))
  }
}
