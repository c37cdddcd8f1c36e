import Testing

@testable import LogviewRemote

struct StoreRecordTests {
  static let labels: [(name: String, value: String)] = [("app", "checkout"), ("env", "prod")]

  /// line, record.
  static let cases: [(String, String)] = [
    (
      #"{"level":"info","msg":"ok"}"#,
      #"{"observedTimeUnixNano":"42","app":"checkout","env":"prod","level":"info","msg":"ok"}"#
    ),
    // The line's own members win over labels of the same name.
    (
      #"{ "app":"mine","msg":"x"}"#,
      #"{"observedTimeUnixNano":"42","env":"prod","app":"mine","msg":"x"}"#
    ),
    (#"{}"#, #"{"observedTimeUnixNano":"42","app":"checkout","env":"prod"}"#),
    (
      "plain \"text\"\r",
      #"{"observedTimeUnixNano":"42","app":"checkout","env":"prod","message":"plain \"text\""}"#
    ),
    (
      #"{"broken":"#,
      #"{"observedTimeUnixNano":"42","app":"checkout","env":"prod","message":"{\"broken\":"}"#
    ),
  ]

  @Test(arguments: cases)
  func builds(_ line: String, _ expected: String) {
    var record = StoreRecord()
    var out: [UInt8] = []
    record.append(line: Array(line.utf8), nanos: 42, metadata: Self.labels, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == expected + "\n")
  }

  @Test func invalidUTF8BecomesReplacementCharacters() {
    var record = StoreRecord()
    var out: [UInt8] = []
    record.append(line: [0x61, 0xFF, 0x62], nanos: 1, metadata: [], to: &out)
    #expect(
      String(decoding: out, as: UTF8.self)
        == "{\"observedTimeUnixNano\":\"1\",\"message\":\"a\u{FFFD}b\"}\n")
  }
}
