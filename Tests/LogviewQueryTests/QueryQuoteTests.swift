import Testing

@testable import LogviewQuery

/// `Query.quote` makes a phrase of any text (the command line quotes --since and --until
/// into the explorer's filter): it parses back to that very text, never to more syntax.
@Suite struct QueryQuoteTests {
  static let texts: [String] = [
    "",
    "plain",
    #"a "quoted" word"#,
    #"back\slash\"#,
    // A quote or backslash followed by a combining mark is one Character: quoting by
    // Character left it unescaped, ending the phrase early (FuzzQuery, minimized).
    "\"\u{06E3})",
    "\\\u{0301}\" or level>=debug",
    "x\"\u{20DD}\u{0301} y",
    "é\"\u{1F3FB}",
  ]

  @Test(arguments: texts)
  func quotedTextParsesBackToItself(_ text: String) throws {
    let query = try Query.parse(Query.quote(text))
    if text.isEmpty {
      #expect(query.root == .text("", column: 1) || query.root == .all)
    } else {
      #expect(query.root == .text(text, column: 1))
    }
  }
}
