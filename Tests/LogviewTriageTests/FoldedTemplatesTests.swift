import Testing

@testable import LogviewTriage

/// A message's template and the values folded out of it.
@Suite struct FoldedTemplatesTests {
  @Test(arguments: [
    ("reserved 3 items", "reserved <num> items", 1),
    ("payment declined for ord_981 after 1.2s", "payment declined for <id> after <dur>", 2),
    ("cache hit", "cache hit", 0),
    ("literal <num> stays", "literal <num> stays", 0),
    ("<num> 42", "<num> <num>", 1),
  ])
  func template(_ message: String, _ template: String, _ values: Int) {
    var out: [UInt8] = Array("kept".utf8)
    let found = Array(message.utf8).withUnsafeBytes {
      FoldedTemplates.template(of: $0, into: &out)
    }
    #expect(String(decoding: out, as: UTF8.self) == "kept" + template)
    #expect(found == values)
  }
}
