import Testing

@testable import LogviewCLI

@Suite struct SecretMaskerTests {
  static let cases: [(String, String)] = [
    ("cannot open https://alice:s3cret@loki:3100/x", "cannot open https://alice:***@loki:3100/x"),
    ("http://loki:3100/api?token=abc123&limit=5", "http://loki:3100/api?token=***&limit=5"),
    ("bad query 'api_key:XYZ level=error'", "bad query 'api_key:*** level=error'"),
    ("Password=hunter2 done", "Password=*** done"),
    ("no secrets in http://host/path here", "no secrets in http://host/path here"),
    ("tokenizer=fine mytoken=x", "tokenizer=fine mytoken=x"),
  ]

  @Test(arguments: cases)
  func masks(_ input: String, _ expected: String) {
    #expect(SecretMasker.masked(input) == expected)
  }

  @Test func errorMessagesAreMasked() {
    let outcome = RunHarness.run(["https://bob:hunter2@example.invalid/app.log"])
    #expect(outcome.status == 2)
    #expect(!outcome.stderr.contains("hunter2"))
    #expect(outcome.stderr.contains("bob:***@"))
  }
}
