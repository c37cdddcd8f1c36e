import LogviewCore
import LogviewQuery
import Testing

@Suite struct FilterReadsTests {
  static let cases: [(String, FilterReads)] = [
    ("", []),
    ("level>=error", [.level]),
    ("timeout", [.rawText]),
    ("/time(d)?out/i \"gateway timeout\"", [.rawText]),
    ("since:15m", [.timestamp]),
    ("service=api", [.fields]),
    ("level>=warn timeout", [.level, .rawText]),
    ("not (durationMs>10 or ts>=-1h)", [.fields, .timestamp]),
  ]

  @Test(arguments: cases)
  func readsWhatItNeeds(_ text: String, _ expected: FilterReads) throws {
    let filter = try Query.parse(text).compile(now: 0, zone: .utc)
    #expect(filter.reads == expected)
    #expect(filter.reads.onlyRawText == expected.subtracting(.rawText).isEmpty)
  }

  @Test func rawTextFiltersGiveTheSameAnswerUnparsed() throws {
    let normalizer = Normalizer()
    let lines = [
      #"{"level":"error","msg":"gateway Timeout"}"#, "plain timeout line", #"{"msg":"ok"}"#,
    ]
    for query in ["timeout", "Timeout", "/time(d)?out/i", "\"gateway timeout\""] {
      let filter = try Query.parse(query).compile(now: 0, zone: .utc)
      for line in lines {
        let bytes = Array(line.utf8)
        bytes.withUnsafeBytes { raw in
          let parsed = normalizer.withRecord(raw) { filter.matches($0) }
          let unparsed = normalizer.withUnparsedRecord(raw) { filter.matches($0) }
          #expect(parsed == unparsed, "\(query) on \(line)")
        }
      }
    }
  }
}
