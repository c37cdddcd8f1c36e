import LogviewTestSupport
import Testing

@testable import LogviewCore

@Suite struct SecretMaskerTests {
  static let cases: [(String, String)] = [
    ("cannot open https://alice:s3cret@loki:3100/x", "cannot open https://alice:***@loki:3100/x"),
    ("http://loki:3100/api?token=abc123&limit=5", "http://loki:3100/api?token=***&limit=5"),
    ("bad query 'api_key:XYZ level=error'", "bad query 'api_key:*** level=error'"),
    ("Password=hunter2 done", "Password=*** done"),
    ("no secrets in http://host/path here", "no secrets in http://host/path here"),
    ("tokenizer=fine mytoken=x", "tokenizer=fine mytoken=x"),
    // A case mapping that changes the length in bytes (İ lowercases to two scalars).
    (
      "bad -q 'İ password=hunter2 token=abc >': column 30",
      "bad -q 'İ password=*** token=*** >': column 30"
    ),
    ("İPASSWORD=hunter2", "İPASSWORD=***"),
    // Quoted values, to the closing quote; backslash escapes skipped.
    (#"password="hunter2 x" level=error"#, #"password="***" level=error"#),
    ("password='hunter2 x' level=error", "password='***' level=error"),
    (#"password="a\"b c" d"#, #"password="***" d"#),
    (#"password="never closed"#, #"password="***"#),
    (#"{"password":"hunter2","user":"bob"}"#, #"{"password":"***","user":"bob"}"#),
    ("password = hunter2", "password = ***"),
    // URL user-info of any shape: the last '@' before the host's end.
    ("https://u:pa/ss@host/x", "https://u:***@host/x"),
    ("https://u:pa ss@host/x", "https://u:***@host/x"),
    // An '@' in JSON after a URL is not its user-info's end (--explain masked the host).
    (
      #"es://127.0.0.1:9200/logs: {"range":{"@timestamp":{"gte":1}}}"#,
      #"es://127.0.0.1:9200/logs: {"range":{"@timestamp":{"gte":1}}}"#
    ),
    ("https://u:p@ss@host/x", "https://u:***@host/x"),
    ("https://ghp_abc123@github.com/x", "https://***@github.com/x"),
    ("https://mastodon.social/@alice", "https://mastodon.social/@alice"),
    ("see https://host/x or mail bob@example.com", "see https://host/x or mail bob@example.com"),
    ("a https://u:p@h b https://v:q@i", "a https://u:***@h b https://v:***@i"),
    ("'https://u:p@h' 'x@y'", "'https://u:***@h' 'x@y'"),
    ("https://@host", "https://@host"),
    // Authorization headers and bearer tokens.
    ("Authorization: Bearer xyz.abc", "Authorization: ***"),
    ("authorization=Basic dXNlcjpwYXNz rest", "authorization=*** rest"),
    ("got bearer xyz from", "got bearer *** from"),
    ("Bearer\txyz", "Bearer\t***"),
    // AWS keys.
    ("key AKIAIOSFODNN7EXAMPLE used", "key *** used"),
    ("ASIAIOSFODNN7EXAMPLE", "***"),
    ("AKIAIOSFODNN7EXAMPLEX stays", "AKIAIOSFODNN7EXAMPLEX stays"),
    ("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG", "aws_secret_access_key=***"),
    ("aws_access_key_id=AKIAIOSFODNN7EXAMPLE", "aws_access_key_id=***"),
    // More names.
    ("pwd=x client_secret=y x-api-key=z", "pwd=*** client_secret=*** x-api-key=***"),
    ("api-key=a private_key=b session_token=c", "api-key=*** private_key=*** session_token=***"),
    ("Cookie: sid=abc; Set-Cookie: x", "Cookie: ***; Set-Cookie: ***"),
    ("db.password=a X-Amz-Security-Token=b", "db.password=*** X-Amz-Security-Token=***"),
    ("compass=north bypass=1", "compass=north bypass=1"),
    ("auth://host", "auth://host"),
    // JSON web tokens.
    ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig end", "jwt *** end"),
    ("eyJnot-a-token", "eyJnot-a-token"),
    // Control characters do not end a secret.
    ("password=abc\u{1B}def x", "password=*** x"),
  ]

  @Test(arguments: cases)
  func masks(_ input: String, _ expected: String) {
    #expect(SecretMasker.masked(input) == expected)
  }

  /// Masked, then escaped: what stderr and the status line show.
  static let messages: [(String, String)] = [
    ("token=a\u{9B}b c\u{9B}d", #"token=*** c\u009bd"#),
    ("x\u{202E}y\u{7F}z\u{1B}", #"x\u202ey\x7fz\e"#),
    // A complete escape sequence is dropped, not shown.
    ("a\u{1B}[2Jb", "ab"),
    ("line\nnext", #"line\nnext"#),
  ]

  @Test(arguments: messages)
  func messageTextIsMaskedThenEscaped(_ input: String, _ expected: String) {
    #expect(MessageText.safe(input) == expected)
  }

  /// Linear: about a megabyte of text that each rule starts on is masked in well under a
  /// second (by name: the text is too long to show as the test's argument).
  static func hostile(_ name: String) -> String {
    switch name {
    case "separators": String(repeating: "a:", count: 500_000)
    case "names": String(repeating: "password=", count: 100_000)
    case "user-info": "https://" + String(repeating: "a@", count: 500_000)
    case "schemes": String(repeating: "https://", count: 100_000) + "u:p@h"
    case "bearers": String(repeating: "bearer ", count: 100_000)
    case "web tokens": String(repeating: "eyJa-", count: 200_000)
    case "quotes": String(repeating: "password=\"\\", count: 100_000)
    default: String(repeating: " ", count: 500_000) + "="
    }
  }

  @Test(arguments: [
    "separators", "names", "user-info", "schemes", "bearers", "web tokens", "quotes", "spaces",
  ])
  func linearTime(_ name: String) {
    let input = Self.hostile(name)
    let seconds = threadCPUSeconds { _ = MessageText.safe(input) }
    #expect(seconds < 2, "\(name): \(seconds) s")
  }
}
