import Testing

@testable import LogviewTerminal

struct TerminalRestoreTests {
  static let cases: [(input: String, output: String)] = [
    ("\u{1B}[m", "\u{1B}[m"),
    ("\u{1B}[?25h$<5>", "\u{1B}[?25h"),
    ("$<2*/>\u{1B}[?1049l", "\u{1B}[?1049l"),
    ("a$<1>b$<3.5>c", "abc"),
    ("cost $5", "cost $5"),
    ("$<unterminated", "$<unterminated"),
    ("", ""),
  ]

  @Test(arguments: cases)
  func paddingIsRemoved(input: String, output: String) {
    #expect(TerminalRestore.strippingPadding(Array(input.utf8)) == Array(output.utf8))
  }
}
