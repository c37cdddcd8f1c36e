import LogviewCore
import Testing

@testable import LogviewTriage

/// What the lint reads from each record through the shared pieces: secrets and personal
/// data by `SensitiveScan` (each kind once per record), values in messages by
/// `VariableText`; and the keys it compares, looked up exactly.
@Suite struct LintScanTests {
  @Test func sensitiveKindsAndMessageValues() {
    var samples = LintSamples()
    let lines = [
      #"{"service":"a","msg":"sent to bob@example.com","cc":"eve@example.com"}"#,
      #"{"service":"a","msg":"order 17 paid"}"#,
      #"{"service":"a","msg":"order 18 paid","password":"hunter2","to":"al@example.org"}"#,
      #"{"service":"a","msg":"started"}"#,
    ]
    let normalizer = Normalizer()
    for (index, line) in lines.enumerated() {
      Array(line.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes) { samples.append($0, source: [], line: index + 1) }
      }
    }
    let findings = LintVerdict(samples).services[0].findings
    let sensitive = findings.filter { $0.rule == .sensitiveData }
    // Two emails in the first record count once.
    #expect(sensitive.map(\.subject) == ["email", "secret-field"])
    #expect(sensitive.map(\.count) == [2, 1])
    #expect(sensitive.map { $0.example?.line } == [1, 3])
    let variable = findings.first { $0.rule == .variableMessages }
    #expect(variable?.count == 3)
    #expect(variable?.detail.hasPrefix("'order <num> paid' embeds 1 value in 2 records") == true)
  }

  @Test(
    arguments: [
      ("durationMs", 0), ("b", 1), ("user_id", 2), ("user_ie", nil), ("durationM", nil),
      ("", nil), ("durationMss", nil),
    ] as [(String, Int?)])
  func keyLookup(_ key: String, _ index: Int?) {
    let lookup = KeyLookup(["durationMs", "b", "user_id"].map { Array($0.utf8) })
    #expect(Array(key.utf8).withUnsafeBytes { lookup.index(of: $0) } == index)
  }
}
