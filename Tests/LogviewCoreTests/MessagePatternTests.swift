import Testing

@testable import LogviewCore

/// A message's pattern: placeholders told, white space and placeholder kinds not counted.
@Suite struct MessagePatternTests {
  @Test(arguments: [
    ("<num>", 5), ("<hex>", 5), ("<uuid>", 6), ("<ip>", 4), ("<email>", 7), ("<str>", 5),
    ("<dur>", 5), ("<time>", 6), ("<id>", 4), ("<*>", 3), ("<num>s", 5),
  ])
  func placeholders(_ text: String, _ length: Int) {
    #expect(
      Array(text.utf8).withUnsafeBytes { MessagePattern.placeholderLength($0, at: 0) } == length)
  }

  /// The packed names `placeholderLength` knows are every kind's: a kind added to
  /// `VariableKind` without them fails here.
  @Test(arguments: VariableKind.allCases)
  func everyKindsPlaceholderIsTold(_ kind: VariableKind) {
    let text = kind.placeholder
    #expect(
      Array(text.utf8).withUnsafeBytes { MessagePattern.placeholderLength($0, at: 0) }
        == text.utf8.count)
  }

  @Test(arguments: ["<>", "<nu>", "<numb>", "<emails>", "< num>", "<num", "num>", "<NUM>", "<a>"])
  func notPlaceholders(_ text: String) {
    #expect(Array(text.utf8).withUnsafeBytes { MessagePattern.placeholderLength($0, at: 0) } == nil)
  }

  @Test(arguments: [
    ("took 5 ms", "took <dur> ms", true),
    ("took 5 ms", "  took   12   ms ", true),
    ("took 5 ms", "took usr_2160 ms", true),
    ("took 5 ms", "took <*> ms", true),
    ("took 5 ms", "took five ms", false),
    ("took 5 ms", "took 5 ms now", false),
    ("a < b", "a <num> b", false),
  ])
  func sameID(_ a: String, _ b: String, _ same: Bool) {
    #expect((MessagePattern.id(ofTemplate: a) == MessagePattern.id(ofTemplate: b)) == same)
  }

  @Test func idText() {
    #expect(MessagePattern.idText(0xAF) == "000000af")
    #expect(MessagePattern.parseID("000000AF") == 0xAF)
    #expect(MessagePattern.parseID("00000af") == nil)
    #expect(MessagePattern.parseID("0000000g") == nil)
  }
}
