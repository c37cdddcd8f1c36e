import LogviewCore
import Testing

@testable import LogviewQuery

/// `has:secret` and `has:pii` select the records the scanner finds something in.
@Suite struct SensitiveTermTests {
  static let lines: [String] = [
    // 0: clean
    #"{"level":"info","requestId":"req_7f42a9c1","orderId":"ord_088121","message":"ok 4.12.0"}"#,
    // 1: a secret
    #"{"level":"error","password":"hunter2","message":"login"}"#,
    // 2: personal data
    #"{"level":"info","message":"mail to bob@example.com"}"#,
    // 3: both
    "2024-03-15 10:00:00,000 WARN card 4111111111111111 token=abc123",
  ]

  static let cases: [(String, Set<Int>)] = [
    ("has:secret", [1, 3]),
    ("has:pii", [2, 3]),
    ("has=secrets", [1, 3]),
    ("has:PII", [2, 3]),
    ("not has:secret", [0, 2]),
    ("has!=pii", [0, 1]),
    ("has:secret or has:pii", [1, 2, 3]),
    ("level>=warn has:pii", [3]),
  ]

  @Test(arguments: cases)
  func keeps(_ query: String, _ expected: Set<Int>) throws {
    let filter = try Query.parse(query).compile(now: 0, zone: .utc)
    let normalizer = Normalizer()
    var kept: Set<Int> = []
    for (i, line) in Self.lines.enumerated() {
      let matches = Array(line.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes) { filter.matches($0) }
      }
      if matches { kept.insert(i) }
    }
    #expect(kept == expected, "\(query)")
  }

  static let invalid: [(String, Int, String)] = [
    ("has:keys", 5, "unknown finding 'keys' after has: (secret or pii)"),
    ("level>=warn has>secret", 16, "'>' does not apply to has"),
  ]

  @Test(arguments: invalid)
  func rejects(_ text: String, _ column: Int, _ message: String) {
    #expect {
      try Query.parse(text).compile(now: 0, zone: .utc)
    } throws: { error in
      guard let error = error as? QueryError else { return false }
      return error.column == column && error.message.hasPrefix(message)
    }
  }

  /// Cheap terms are tried first: the scan runs only on records the level lets through.
  @Test func scanComesAfterCheapTerms() throws {
    let filter = try Query.parse("has:secret level>=error").compile(now: 0, zone: .utc)
    guard case .and(let children) = filter.root else {
      Issue.record("expected an and")
      return
    }
    #expect(children.count == 2)
    if case .levelIn = children[0] {} else { Issue.record("level first: \(children)") }
  }
}
