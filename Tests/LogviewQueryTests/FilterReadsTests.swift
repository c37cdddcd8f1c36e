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

@Suite struct ByteRejectionTests {
  static let cases: [(String, String, Bool)] = [
    ("service=payment", #"{"service":"checkout","msg":"x"}"#, true),
    ("service=payment", #"{"service":"payment","msg":"x"}"#, false),
    // An escape could spell the value: never rejected by bytes.
    ("service=payment", #"{"service":"pay\u006dent"}"#, false),
    ("level>=error service=api rid=req_1", #"{"service":"api","requestId":"req_2"}"#, true),
    // Numbers compare numerically (1e3 = 1000): no byte test.
    ("durationMs=1000", #"{"durationMs":1e3}"#, false),
    // OR, NOT and ranges impose nothing.
    ("service=a or service=b", #"{"service":"c"}"#, false),
    ("not service=api", #"{"service":"x"}"#, false),
    ("path=/v1/orders", #"{"path":"\/v1\/orders"}"#, false),
    // `~` searches: ASCII case ignored, on any field or the normalized message.
    ("msg~declined", #"{"msg":"card DECLINED by issuer"}"#, false),
    ("msg~declined", #"{"msg":"card accepted"}"#, true),
    ("msg~declined", "plain text line, declined", false),
    ("msg~declined", "plain text line, accepted", true),
    ("user.name~bob", #"{"user":{"name":"Bobby"}}"#, false),
    ("msg~declined service=api", #"{"service":"api","msg":"ok"}"#, true),
    ("msg!~declined", #"{"msg":"ok"}"#, false),
    ("msg~declined or level=error", #"{"msg":"ok"}"#, false),
    // Escapes, journald byte arrays and Serilog templates can make text the bytes lack.
    ("msg~declined", #"{"msg":"declined"}"#, false),
    ("msg~declined", #"{"MESSAGE":[100,101,99,108,105,110,101,100]}"#, false),
    ("msg~\"5 declined\"", #"{"@mt":"{Count} declined","Count":5}"#, false),
  ]

  @Test(arguments: cases)
  func rejectsOnlyWhatCannotMatch(_ query: String, _ line: String, _ rejected: Bool) throws {
    let filter = try Query.parse(query).compile(now: 0, zone: .utc)
    let bytes = Array(line.utf8)
    bytes.withUnsafeBytes { raw in
      #expect(filter.rejectsByBytes(raw) == rejected, "\(query) on \(line)")
      // Never reject a record the full evaluation keeps.
      if rejected {
        #expect(!Normalizer().withRecord(raw) { filter.matches($0) })
      }
    }
  }
}
