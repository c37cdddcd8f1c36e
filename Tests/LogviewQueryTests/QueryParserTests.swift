import Testing

@testable import LogviewQuery

/// Valid filters and the normalized syntax tree each one parses to.
@Suite struct QueryParserTests {
  static let valid: [(String, String)] = [
    ("", "all"),
    ("   \t ", "all"),
    ("timeout", #"text("timeout")"#),
    (
      "level>=warn service=payment-service durationMs>1000 timeout",
      #"and(cmp(level >= warn), cmp(service = payment-service), cmp(durationMs > 1000), text("timeout"))"#
    ),
    (#""gateway timeout""#, #"text("gateway timeout")"#),
    ("'single quoted'", #"text("single quoted")"#),
    (#""a \"b\" c\\d \n""#, #"text("a \"b\" c\\d \\n")"#),
    (#"'it\'s'"#, #"text("it's")"#),
    ("/time(d)? ?out/i", "regex(/time(d)? ?out/i)"),
    (#"/a\/b\d/"#, #"regex(/a/b\d/)"#),
    ("/x/ms", "regex(/x/ms)"),
    ("error.code=provider_timeout", "cmp(error.code = provider_timeout)"),
    ("user.id:42", "cmp(user.id = 42)"),
    ("msg~declined   msg!~ok", "and(cmp(msg ~ declined), cmp(msg !~ ok))"),
    (#"path=~"^/v1/orders/[0-9]+$""#, #"cmp(path =~ "^/v1/orders/[0-9]+$")"#),
    (#"path!=~/^\/v1/i"#, "cmp(path !=~ /^/v1/i)"),
    ("path=~^/v1", "cmp(path =~ ^/v1)"),
    ("path=/v1/orders", "cmp(path = /v1/orders)"),
    (
      "a<1 b<=2 c>3 d>=4 e!=5 f==6 g!:7",
      "and(cmp(a < 1), cmp(b <= 2), cmp(c > 3), cmp(d >= 4), cmp(e != 5), cmp(f = 6), cmp(g != 7))"
    ),
    ("level >= warn", "cmp(level >= warn)"),
    ("level>= warn", "cmp(level >= warn)"),
    ("status>=500 and not service=auth", "and(cmp(status >= 500), not(cmp(service = auth)))"),
    ("a && b || !c", #"or(and(text("a"), text("b")), not(text("c")))"#),
    ("a&&b", #"and(text("a"), text("b"))"#),
    ("a||b", #"or(text("a"), text("b"))"#),
    ("a or b c", #"or(text("a"), and(text("b"), text("c")))"#),
    ("a OR b AND c", #"or(text("a"), and(text("b"), text("c")))"#),
    ("not a and b", #"and(not(text("a")), text("b"))"#),
    ("NOT a", #"not(text("a"))"#),
    ("not not a", #"text("a")"#),
    ("!!!a", #"not(text("a"))"#),
    ("(a or b) c", #"and(or(text("a"), text("b")), text("c"))"#),
    ("((a))", #"text("a")"#),
    ("(level=error)", "cmp(level = error)"),
    ("exists(errorCode)", "exists(errorCode)"),
    ("exists ( errorCode )", "exists(errorCode)"),
    ("not exists(userId)", "not(exists(userId))"),
    ("errorCode:*", "exists(errorCode)"),
    ("errorCode!:*", "not(exists(errorCode))"),
    (#"x="*""#, #"cmp(x = "*")"#),
    ("service in (payment, checkout)", "in(service, [payment, checkout])"),
    ("level in (warn error)", "in(level, [warn, error])"),
    (#"x IN ("a b",c,,)"#, #"in(x, ["a b", c])"#),
    ("ts>=-15m   ts<2024-03-15T00:00:00Z", "and(cmp(ts >= -15m), cmp(ts < 2024-03-15T00:00:00Z))"),
    ("since:15m until:10:42", "and(cmp(since = 15m), cmp(until = 10:42))"),
    ("rid=req_7f42", "cmp(rid = req_7f42)"),
    ("url=a=b", "cmp(url = a=b)"),
    (#""my field"=1"#, "cmp(my field = 1)"),
    ("not:x", "cmp(not = x)"),
    (#"x="""#, #"cmp(x = "")"#),
    ("Hello!", #"text("Hello!")"#),
    ("a|b a&b", #"and(text("a|b"), text("a&b"))"#),
    ("a -b", #"and(text("a"), text("-b"))"#),
    ("in", #"text("in")"#),
    ("a in b", #"and(text("a"), text("in"), text("b"))"#),
    ("exists", #"text("exists")"#),
    ("don't", #"text("don't")"#),
    ("café", #"text("café")"#),
  ]

  @Test(arguments: valid)
  func parses(_ text: String, _ expected: String) throws {
    let query = try Query.parse(text)
    #expect(query.root.description == expected)
    #expect(query.text == text)
  }

  /// Invalid filters: the column where the problem starts and part of the message.
  static let invalid: [(String, Int, String)] = [
    ("(a", 1, "unclosed '('"),
    ("a (b or c", 3, "unclosed '('"),
    ("a)", 2, "unexpected ')'"),
    ("a )", 3, "unexpected ')'"),
    ("()", 1, "empty parentheses"),
    ("a ( ) b", 3, "empty parentheses"),
    ("level>=", 8, "expected a value after '>='"),
    ("level>=  ", 10, "expected a value after '>='"),
    ("(level>=)", 9, "expected a value after '>='"),
    ("user.id:", 9, "expected a value after ':'"),
    ("x= && y", 4, "expected a value after '='"),
    (">=5", 1, "expected a field name before '>='"),
    ("a = b = c", 7, "expected a field name before '='"),
    (#""abc"#, 1, "unterminated quoted text"),
    ("x='abc", 3, "unterminated quoted text"),
    (#""abc\""#, 1, "unterminated quoted text"),
    ("/abc", 1, "unterminated regex"),
    (#"/abc\/"#, 1, "unterminated regex"),
    ("path=~/abc", 7, "unterminated regex"),
    ("/v1/orders", 5, "unknown regex flag 'o'"),
    ("a and", 6, "expected a term after 'and'"),
    ("a or", 5, "expected a term after 'or'"),
    ("a or or b", 6, "expected a term after 'or'"),
    ("a && || b", 6, "expected a term after '&&'"),
    ("(a and)", 7, "expected a term after 'and'"),
    ("not", 4, "expected a term after 'not'"),
    ("!", 2, "expected a term after '!'"),
    ("a not or b", 7, "expected a term after 'not'"),
    ("and a", 1, "expected a term before 'and'"),
    ("|| a", 1, "expected a term before '||'"),
    ("exists()", 8, "expected a field name inside exists()"),
    ("exists(a", 7, "unclosed '('"),
    ("exists(a b)", 10, "expected ')' after the field name"),
    ("x in ()", 6, "empty list after 'in'"),
    ("x in (a, b", 6, "unclosed '('"),
    ("x in (a (b))", 9, "expected a value or ')' in the list"),
    ("café>=", 7, "expected a value after '>='"),
    ("ünïcödé (", 9, "unclosed '('"),
    (
      String(repeating: "(", count: 65) + "a" + String(repeating: ")", count: 65), 65,
      "too deeply nested"
    ),
  ]

  @Test(arguments: invalid)
  func rejects(_ text: String, _ column: Int, _ fragment: String) {
    #expect {
      try Query.parse(text)
    } throws: { error in
      guard let error = error as? QueryError else { return false }
      return error.column == column && error.message.contains(fragment)
        && error.description == "column \(column): \(error.message)"
    }
  }

  @Test func nestingUpToTheLimitParses() throws {
    let text = String(repeating: "(", count: 64) + "a" + String(repeating: ")", count: 64)
    #expect(try Query.parse(text).root.description == #"text("a")"#)
  }

  /// Hostile or truncated input never traps, and any error points inside the text (or just past it).
  static let garbage: [String] = [
    "\\", "\"\\", "/\\", "!=~", "((", "))", "&&", "||", ",", "x in", "x in (", "exists", "exists(",
    "level>=warn)(", "=~", "!", "!!", "\u{0}", "a\u{0}b=c", "x=~/", "'", "\"", "~~~", "a:b:c:d",
    "((a) or (b)))", "x in (,)", "🙂>=", "not (not (not",
    String(repeating: "!", count: 10_000) + "a",
  ]

  @Test(arguments: garbage)
  func neverTraps(_ text: String) {
    do {
      _ = try Query.parse(text)
    } catch {
      #expect(error.column >= 1 && error.column <= text.count + 1)
      #expect(!error.message.isEmpty)
    }
  }
}
