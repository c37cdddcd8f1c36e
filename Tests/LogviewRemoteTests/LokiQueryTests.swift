import LogviewCore
import LogviewQuery
import Testing

@testable import LogviewRemote

struct LokiQueryTests {
  static func filter(_ text: String) throws -> (terms: [StoreTerm], othersRemain: Bool) {
    try Query.parse(text).compile(now: 0, zone: .utc).storeTerms
  }

  /// selector given, filter, LogQL, something stays local.
  static let cases: [(String?, String, String, Bool)] = [
    (#"{app="a"}"#, "", #"{app="a"}"#, false),
    (#"{app="a"}"#, "timeout", #"{app="a"} |~ "(?i)timeout""#, false),
    (#"{app="a"}"#, "Timeout", #"{app="a"} |= "Timeout""#, false),
    (
      #"{app="a"}"#, #""gateway timeout" level>=error"#, #"{app="a"} |~ "(?i)gateway timeout""#,
      true
    ),
    (#"{app="a"}"#, "a.b+c", #"{app="a"} |~ "(?i)a\\.b\\+c""#, false),
    (#"{app="a"}"#, #"'say "hi"'"#, #"{app="a"} |~ "(?i)say \"hi\"""#, false),
    (#"{app="a"}"#, "env=prod", #"{app="a", env="prod"}"#, false),
    (#"{app="a"}"#, "user=bob", #"{app="a"}"#, true),
    (nil, "env=prod timeout", #"{env="prod"} |~ "(?i)timeout""#, false),
    (#"{app="a"}"#, "timeout or declined", #"{app="a"}"#, true),
    (#"{app="a"}"#, "not timeout", #"{app="a"}"#, true),
    (#"{app="a"}"#, "env=7", #"{app="a"}"#, true),
    (#"{app="a"}"#, "env in (prod, 'qa.1')", #"{app="a", env=~"prod|qa\\.1"}"#, false),
    (nil, "env in (prod, dev)", #"{env=~"prod|dev"}"#, false),
    (#"{app="a"}"#, "env in (1, 2)", #"{app="a"}"#, true),
    (#"{app="a"}"#, "user in (a, b)", #"{app="a"}"#, true),
  ]

  @Test(arguments: cases)
  func translates(_ selector: String?, _ text: String, _ logQL: String, _ local: Bool) throws {
    let query = try LokiQuery.build(
      selector: selector, filter: try Self.filter(text), labels: { ["app", "env"] },
      endpoint: "loki://test")
    #expect(query.logQL == logQL)
    #expect(query.othersLocal == local)
  }

  @Test func withoutSelectorOrLabelTermItNamesTheLabels() throws {
    #expect {
      try LokiQuery.build(
        selector: nil, filter: try Self.filter("timeout"), labels: { ["app", "env"] },
        endpoint: "loki://test")
    } throws: { error in
      "\(error)".contains("app, env") && "\(error)".contains("selector")
    }
  }

  @Test func labelsAreAskedOnlyWhenNeeded() throws {
    var asked = 0
    _ = try LokiQuery.build(
      selector: #"{app="a"}"#, filter: try Self.filter("timeout level>=warn"),
      labels: {
        asked += 1
        return []
      }, endpoint: "loki://test")
    #expect(asked == 0)
  }

  /// Text, LogQL string, RE2 literal. Escaped by scalar: a quote, backslash or '.' followed
  /// by a combining mark is one Character and was left unescaped, as was "\r\n" (the same
  /// bug FuzzQuery found in Query.quote).
  static let escapes: [(String, String, String)] = [
    ("a.b", #""a.b""#, #"a\.b"#),
    ("\"\u{0301} or x", "\"\\\"\u{0301} or x\"", "\"\u{0301} or x"),
    ("\\\u{0301}", "\"\\\\\u{0301}\"", "\\\\\u{0301}"),
    (".\u{20DD}*", "\".\u{20DD}*\"", "\\.\u{20DD}\\*"),
    ("a\r\nb", #""a\r\nb""#, "a\r\nb"),
  ]

  @Test(arguments: escapes)
  func escapesEachScalar(_ text: String, _ quoted: String, _ literal: String) {
    #expect(LokiQuery.quoted(text) == quoted)
    #expect(LokiQuery.regexEscaped(text) == literal)
  }
}
