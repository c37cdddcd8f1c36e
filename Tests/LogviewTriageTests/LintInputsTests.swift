import LogviewCore
import Testing

@testable import LogviewTriage

/// The lint's seams: any templating and any finder of sensitive data plug in, and the keys
/// it compares are looked up exactly.
@Suite struct LintInputsTests {
  /// A finder reading the whole record, as the secrets scanner will.
  struct AtSigns: SensitiveFindings {
    func kinds(in record: RecordView, _ found: (String) -> Void) {
      if record.text.contains(UInt8(ascii: "@")) { found("email") }
      if record.text.contains(UInt8(ascii: "#")) { found("hash") }
    }
  }

  /// Every message its own template, with one value.
  struct WholeMessage: MessageTemplating {
    func template(of message: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Int {
      out.append(contentsOf: Array("<all>".utf8))
      return 1
    }
  }

  @Test func findersAndTemplatingPlugIn() {
    var samples = LintSamples(inputs: LintInputs(templating: WholeMessage(), sensitive: AtSigns()))
    let lines = [
      #"{"service":"a","msg":"x","user":"bob@example.com"}"#,
      #"{"service":"a","msg":"y"}"#,
      ##"{"service":"a","msg":"z","user":"eve@example.com","tag":"#1"}"##,
    ]
    let normalizer = Normalizer()
    for (index, line) in lines.enumerated() {
      Array(line.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes) { samples.append($0, source: [], line: index + 1) }
      }
    }
    let findings = LintVerdict(samples).services[0].findings
    let sensitive = findings.filter { $0.rule == .sensitiveData }
    #expect(sensitive.map(\.subject) == ["email", "hash"])
    #expect(sensitive.map(\.count) == [2, 1])
    #expect(sensitive.map { $0.example?.line } == [1, 3])
    let variable = findings.first { $0.rule == .variableMessages }
    #expect(variable?.count == 3)
    #expect(variable?.detail.hasPrefix("'<all>' embeds 1 value in 3 records") == true)
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
