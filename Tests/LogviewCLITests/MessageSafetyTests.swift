import Foundation
import LogviewTestSupport
import Testing

/// What logview prints of its own (errors on stderr) and of the records (pretty output)
/// never carries an echoed credential, nor a character that could act on the terminal.
@Suite struct MessageSafetyTests {
  /// Bytes a terminal could act on: C0 controls but the final newline, DEL, C1 controls,
  /// bidi controls and line separators.
  static func unsafeCharacters(in text: String) -> [Unicode.Scalar] {
    text.dropLast(text.hasSuffix("\n") ? 1 : 0).unicodeScalars.filter { scalar in
      switch scalar.value {
      case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
      default: false
      }
    }
  }

  /// A query that does not parse is echoed in the error: (query, text that must not show).
  static let badQueries: [(String, String)] = [
    ("İ password=hunter2 token=abc >", "hunter2"),
    ("İ password=hunter2 token=abc >", "abc"),
    (#"password="hunter2 x" >"#, "hunter2"),
    ("password='hunter2 x' >", "hunter2"),
    ("Authorization: Bearer xyz123 >", "xyz123"),
    ("bearer xyz123 >", "xyz123"),
    ("AKIAIOSFODNN7EXAMPLE >", "AKIAIOSFODNN7EXAMPLE"),
    ("aws_secret_access_key=wJalrXUtnFEMI >", "wJalrXUtnFEMI"),
    ("pwd=s3cr3t client_secret=s3cr3t x-api-key=s3cr3t >", "s3cr3t"),
    ("url=https://u:pa/ss@host >", "pa/ss"),
    ("a\u{9B}31m b\u{202E}c d\u{7F}\u{1B}[2J >", "\u{1B}"),
  ]

  @Test(arguments: badQueries)
  func queryErrorsAreMaskedAndEscaped(_ query: String, _ secret: String) throws {
    let dir = TempDirectory("logview-safety")
    let file = dir.file("app.log")
    try #"{"msg":"x"}"#.write(toFile: file, atomically: true, encoding: .utf8)
    let outcome = RunHarness.run(["-q", query, file])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.hasPrefix("logview: bad --query"), "\(outcome.stderr)")
    #expect(!outcome.stderr.contains(secret), "\(outcome.stderr)")
    #expect(Self.unsafeCharacters(in: outcome.stderr).isEmpty, "\(outcome.stderr)")
  }

  /// Source errors name the path: a URL's user-info is masked whatever its shape.
  static let urls: [(String, String)] = [
    ("https://bob:hunter2@example.invalid/app.log", "hunter2"),
    ("https://bob:pa/ss@example.invalid/app.log", "pa/ss"),
    ("https://bob:pa ss@example.invalid/app.log", "pa ss"),
  ]

  @Test(arguments: urls)
  func sourceErrorsAreMasked(_ url: String, _ secret: String) {
    let outcome = RunHarness.run([url])
    #expect(outcome.status == 2)
    #expect(!outcome.stderr.contains(secret), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("bob:***@"), "\(outcome.stderr)")
  }

  /// Headless pretty output (the default when stdout is not a terminal) escapes C1 and bidi
  /// controls in messages, values and raw lines.
  @Test func prettyOutputEscapesC1AndBidiControls() throws {
    let dir = TempDirectory("logview-safety")
    let file = dir.file("app.log")
    let lines = [
      #"{"level":"info","msg":"a\u009b[2Jb","k":"x\u202ey"}"#,
      "{\"level\":\"info\",\"msg\":\"raw \u{9B}[31m \u{2066}\"}",
      "plain text \u{9B}[31m \u{202E}",
    ]
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: file, atomically: true, encoding: .utf8)
    let outcome = RunHarness.run([file])
    let text = outcome.stdoutText
    #expect(outcome.status == 0)
    #expect(Self.unsafeCharacters(in: text.replacingOccurrences(of: "\n", with: "")).isEmpty)
    #expect(text.contains(#"a\u009b[2Jb"#), "\(text)")
    #expect(text.contains(#"k="x\u202ey""#), "\(text)")
    #expect(text.contains(#"plain text \u009b[31m \u202e"#), "\(text)")
  }
}
