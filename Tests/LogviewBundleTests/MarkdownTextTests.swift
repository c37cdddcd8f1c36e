import Testing

@testable import LogviewBundle

/// Text in a table cell or a list item stays text: what Markdown would read as structure is
/// escaped, and nothing else.
@Suite struct MarkdownTextTests {
  @Test(arguments: [
    ("plain words", "plain words"),
    ("a | b", #"a \| b"#),
    ("run `make`", #"run \`make\`"#),
    ("GET /api/* 404", #"GET /api/\* 404"#),
    ("payment_timeout", "payment_timeout"),
    ("_private and trailing_", #"\_private and trailing\_"#),
    ("[link](http://x)", #"\[link](http://x)"#),
    ("<script>", #"\<script>"#),
    ("~~gone~~", #"\~\~gone\~\~"#),
    ("POST /v1/orders -> 502", "POST /v1/orders -> 502"),
    (#"C:\temp"#, #"C:\temp"#),
    (#"ends \|"#, #"ends \\\|"#),
    ("two\nlines", #"two\nlines"#),
    ("crlf\r\nline", #"crlf\nline"#),
    ("#1 # hash", "#1 # hash"),
  ])
  func inlineEscapes(_ text: String, _ expected: String) {
    #expect(MarkdownText.inline(text) == expected)
  }

  @Test(arguments: [
    ("short", 10, "short"),
    ("exactly10!", 10, "exactly10!"),
    ("eleven char", 10, "eleven ch…"),
    ("é日本語ab", 4, "é日本…"),
  ])
  func cutMarksTheCut(_ text: String, _ limit: Int, _ expected: String) {
    #expect(MarkdownText.cut(text, to: limit) == expected)
  }

  @Test(arguments: [
    ("req_7f42", "`req_7f42`"),
    ("a`b", "``a`b``"),
    ("`edge", "`` `edge ``"),
    ("a``b`", "``` a``b` ```"),
  ])
  func codeSpanOutrunsItsBackticks(_ text: String, _ expected: String) {
    #expect(MarkdownText.codeSpan(text) == expected)
  }

  /// A fence no line inside can close: longer than any run of backticks, at least three.
  @Test(arguments: [
    ("no ticks", "```"),
    ("``` inside", "````"),
    ("`a` ``b`` `````c", "``````"),
  ])
  func fenceIsLongerThanAnyRun(_ text: String, _ expected: String) {
    #expect(MarkdownText.fence(around: Array(text.utf8)) == expected)
  }
}
