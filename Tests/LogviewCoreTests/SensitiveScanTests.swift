import LogviewTestSupport
import Testing

@testable import LogviewCore

@Suite struct SensitiveScanTests {
  /// Each finding as `kind:text`.
  static func found(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    var findings: [SensitiveFinding] = []
    bytes.withUnsafeBytes { SensitiveScan.findings(in: $0, into: &findings) }
    return findings.map { "\($0.kind.name):\(String(decoding: bytes[$0.range], as: UTF8.self))" }
  }

  static let cases: [(String, [String])] = [
    // Secrets.
    ("key AKIAIOSFODNN7EXAMPLE used", ["aws-key:AKIAIOSFODNN7EXAMPLE"]),
    (#"{"k":"ASIAIOSFODNN7EXAMPLE"}"#, ["aws-key:ASIAIOSFODNN7EXAMPLE"]),
    ("AKIAIOSFODNN7EXAMPLEX", []),
    (#"{"authorization":"Bearer abc.def-123"}"#, ["bearer-token:Bearer abc.def-123"]),
    ("sent bearer 9f8e7d6c5b4a3f2e1d0c to api", ["bearer-token:9f8e7d6c5b4a3f2e1d0c"]),
    ("missing bearer token in request", []),
    (
      "jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln rest",
      ["secret-field:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"]
    ),
    (
      "got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln back",
      [
        "jwt:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"
      ]
    ),
    ("got eyJhbGciOiJIUzI1NiJ9.notjson.c2ln back", []),
    (#"{"password":"hunter2","user":"bob"}"#, ["secret-field:hunter2"]),
    (#"{"dbPassword": "p@ss w0rd"}"#, ["secret-field:p@ss w0rd"]),
    (
      #"{"client_secret":"s3cr3t","api_key":"k-123"}"#,
      ["secret-field:s3cr3t", "secret-field:k-123"]
    ),
    (#"{"x-api-key":"abc"}"#, ["secret-field:abc"]),
    (#"{"accessToken":"tok_1"}"#, ["secret-field:tok_1"]),
    (#"{"pin":1234,"pwd":98765}"#, ["secret-field:98765"]),
    ("login user=bob password=hunter2 ok", ["secret-field:hunter2"]),
    (#"{"msg":"retry with password=\"hunter2\" now"}"#, ["secret-field:hunter2"]),
    (#"{"body":"{\"token\":\"abc123\"}"}"#, ["secret-field:abc123"]),
    // Not secrets: literals, objects, placeholders, an authorization ID, a word.
    (#"{"password":true,"token":null,"secret":{"id":1},"auth":[1]}"#, []),
    (#"{"password":"","token":"***","secret":"[REDACTED]","api_key":"<hidden>"}"#, []),
    (#"{"password":"redacted","token":"none"}"#, []),
    (#"{"authorization":"auth_5c45f7ecd6","auth":"ok"}"#, []),
    (#"{"tokenizer":"fine","mytoken":"x","passwordless":true,"token_count":5}"#, []),
    // URL passwords.
    (#"{"dsn":"postgres://app:s3cr3t@db:5432/orders"}"#, ["url-password:s3cr3t"]),
    ("redis://:hunter2@cache:6379/0", ["url-password:hunter2"]),
    ("https://u:p@ss@host/x", ["url-password:p@ss"]),
    ("https://alice@example.com/x", ["email:alice@example.com"]),
    ("https://host:8080/users/@me", []),
    ("https://mastodon.social/@alice", []),
    // Private keys.
    (
      #"{"key":"-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----","n":1}"#,
      [
        #"private-key:-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----"#
      ]
    ),
    (
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\nafter",
      [
        "private-key:-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----"
      ]
    ),
    (
      #"{"k":"-----BEGIN PRIVATE KEY-----\nMIIE","x":1}"#,
      [#"private-key:-----BEGIN PRIVATE KEY-----\nMIIE"#]
    ),
    ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", []),
    ("-----BEGIN PUBLIC KEY-----", []),
    // Cards.
    ("paid with 4111111111111111 today", ["card:4111111111111111"]),
    ("card 4111 1111 1111 1111.", ["card:4111 1111 1111 1111"]),
    ("card 5555-5555-5555-4444", ["card:5555-5555-5555-4444"]),
    ("amex 378282246310005 ok", ["card:378282246310005"]),
    ("amex 3782 822463 10005 ok", ["card:3782 822463 10005"]),
    (#"{"pan":6011111111111117}"#, ["card:6011111111111117"]),
    ("card 4111111111111111 2 items", ["card:4111111111111111"]),
    // Phones.
    ("call +1 212 555 0142 now", ["phone:+1 212 555 0142"]),
    (#"{"phone":"+442079460958"}"#, ["phone:+442079460958"]),
    ("call +49-30-901820 now", ["phone:+49-30-901820"]),
    (
      "call (212) 555-0142 or 212-555-0143 or 212.555.0144",
      [
        "phone:(212) 555-0142", "phone:212-555-0143", "phone:212.555.0144",
      ]
    ),
    // Emails.
    (#"{"email":"Jane.Doe+news@mail.example.co.uk"}"#, ["email:Jane.Doe+news@mail.example.co.uk"]),
    ("mail to bob@example.com.", ["email:bob@example.com"]),
    (#"{"msg":"sent\nbob@example.com"}"#, ["email:bob@example.com"]),
    (#"{"msg":"\u00e9bob@example.com"}"#, ["email:bob@example.com"]),
    // Near misses: none of these is a finding.
    ("card 4111111111111112 is not Luhn-valid", []),
    ("id 123456789012 and 1234567890123456789012", []),
    ("epoch 1710496801533 ns 1710496801533000000", []),
    ("uuid 550e8400-e29b-41d4-a716-446655440000", []),
    ("sha d41d8cd98f00b204e9800998ecf8427e and 4111111111111111abc", []),
    ("version 4.12.0 and checkout-web/4.12.0 and v1.2.3-rc.4", []),
    ("ip 192.168.100.200 and 10.0.0.1:8080 and ::1", []),
    ("order ord_4111111111111111 and ord-4111111111111111 and 3.4111111111111111", []),
    ("at 2024-03-15T10:00:01.203+05:45 took 2400ms", []),
    ("offset +05:45 and +0545 and 1e+10", []),
    ("user@localhost and pkg@1.2.3 and @timestamp and a@b", []),
    ("postgresql@15-main.service getty@tty1.service icon@2x.png", []),
    (
      #"{"requestId":"req_7f42a9c1","userId":"usr_2160","orderId":"ord_088121","durationMs":2400}"#,
      []
    ),
    ("phone 123-456-7890 (area code 1) and 212-555-01423", []),
  ]

  @Test(arguments: cases)
  func finds(_ input: String, _ expected: [String]) {
    #expect(Self.found(input) == expected)
  }

  /// Redacted text keeps JSON valid and is kept byte for byte outside the findings.
  static let redactions: [(String, String)] = [
    (
      #"{"password":"hunter2","n":1}"#,
      #"{"password":"[REDACTED:secret-field]","n":1}"#
    ),
    (#"{"pan":4111111111111111,"x":2}"#, #"{"pan":"[REDACTED:card]","x":2}"#),
    (#"{"pwd": 98765}"#, #"{"pwd": "[REDACTED:secret-field]"}"#),
    (
      #"{"msg":"card: 4111 1111 1111 1111 from bob@example.com"}"#,
      #"{"msg":"card: [REDACTED:card] from [REDACTED:email]"}"#
    ),
    (
      #"{"msg":"a \"b\" password=\"x y\" c"}"#,
      #"{"msg":"a \"b\" password=\"[REDACTED:secret-field]\" c"}"#
    ),
    ("plain token=abc123 end", "plain token=[REDACTED:secret-field] end"),
    ("no findings 4.12.0", "no findings 4.12.0"),
  ]

  @Test(arguments: redactions)
  func redacts(_ input: String, _ expected: String) {
    let out = SensitiveRedaction.redacted(Array(input.utf8))
    #expect(String(decoding: out, as: UTF8.self) == expected)
    // Nothing is found in what was redacted.
    #expect(Self.found(expected) == [])
  }

  @Test func groupsAreTold() {
    let text = Array(#"{"password":"x","email":"a@example.com"}"#.utf8)
    text.withUnsafeBytes { bytes in
      #expect(SensitiveScan.groups(in: bytes) == .all)
      #expect(SensitiveScan.groups(in: bytes, looksFor: .pii) == .pii)
    }
    Array("nothing".utf8).withUnsafeBytes { #expect(SensitiveScan.groups(in: $0) == []) }
  }

  /// Linear: a megabyte of text that each rule starts on is scanned in well under a second.
  static func hostile(_ name: String) -> String {
    switch name {
    case "emails": String(repeating: "a.b@", count: 250_000)
    case "digits": String(repeating: "4111 ", count: 200_000)
    case "phones": String(repeating: "+1 ", count: 300_000)
    case "keys": String(repeating: "-----BEGIN RSA PRIVATE KEY-----", count: 30_000)
    case "json keys": "{\"k\":\"" + String(repeating: "-----BEGIN PRIVATE KEY-----", count: 30_000)
    case "urls": String(repeating: "a://b:c", count: 150_000)
    case "escapes": "{\"m\":\"" + String(repeating: #"\n\u00e9@"#, count: 100_000)
    default: String(repeating: "password=", count: 100_000)
    }
  }

  @Test(arguments: ["emails", "digits", "phones", "keys", "json keys", "urls", "escapes", "names"])
  func linearTime(_ name: String) {
    let input = Array(Self.hostile(name).utf8)
    let seconds = threadCPUSeconds {
      var findings: [SensitiveFinding] = []
      input.withUnsafeBytes { SensitiveScan.findings(in: $0, into: &findings) }
    }
    #expect(seconds < 2, "\(name): \(seconds) s")
  }
}
