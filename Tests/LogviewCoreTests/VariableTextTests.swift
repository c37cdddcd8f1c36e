import Testing

@testable import LogviewCore

@Suite struct VariableTextTests {
  /// A token and the kind it is, or nil for wording that must stay.
  static let tokens: [(token: String, kind: VariableKind?)] = [
    ("42", .number), ("-7", .number), ("3.14", .number), ("1e-9", .number), ("99%", .number),
    ("4.12.0", .number), ("512MiB", .number), ("12KB", .number),
    ("0x1f3a", .hex), ("deadbeef01", .hex), ("9f86d081884c7d659a2feaa0c55ad015", .hex),
    ("550e8400-e29b-41d4-a716-446655440000", .uuid),
    ("10.0.0.12", .ip), ("10.0.0.12:8080", .ip), ("192.168.0.0/16", .ip), ("fe80::1", .ip),
    ("2001:db8:85a3::8a2e:370:7334", .ip),
    ("alice@example.com", .email), ("ops+pager@corp.example.org", .email),
    ("1.2s", .duration), ("350ms", .duration), ("1h2m3.5s", .duration),
    ("2024-03-15", .time), ("2024-03-15T10:00:01.203Z", .time), ("10:42", .time),
    ("10:42:07.123", .time), ("10:00:01.203Z", .time),
    ("req_f57ebc3a", .id), ("usr_2160", .id), ("ord_98123", .id), ("pod-7f9c8d-x2k4", .id),
    ("A1B2C3D4E5", .hex), ("K1B2C3X4Y5", .id), ("user1234", .id),
    // Short hexadecimal IDs: two digits and two letters at least.
    ("4f1c2a", .hex), ("7f9c8d1", .hex), ("a1b2c3", .hex), ("decade", nil), ("add1", nil),
    ("abc123", .hex), ("e2e4", nil),
    // Names with a digit, versions of words, and plain words stay.
    ("v1", nil), ("v2", nil), ("http2", nil), ("utf-8", nil), ("sha256", nil), ("k8s", nil),
    ("base64", nil), ("ipv4", nil), ("log4j", nil), ("worker-3", nil), ("payment", nil),
    ("checkout-api", nil), ("deadbeef", nil), ("cafe", nil), ("@", nil), ("a@b", nil),
    ("status:500", nil), ("--verbose", nil), ("-", nil), ("1st", nil),
  ]

  @Test(arguments: tokens)
  func tokenKind(token: String, kind: VariableKind?) {
    #expect(Array(token.utf8).withUnsafeBytes { VariableKind.of($0) } == kind)
  }

  /// Text and its folded form.
  static let texts: [(text: String, folded: String)] = [
    ("payment declined for ord_981 after 1.2s", "payment declined for <id> after <dur>"),
    ("POST /v1/orders -> 201 Created", "POST /v1/orders -> <num> Created"),
    ("GET /v1/orders/123/items", "GET /v1/orders/<num>/items"),
    (
      "GET /v1/users/550e8400-e29b-41d4-a716-446655440000?expand=1",
      "GET /v1/users/<uuid>?expand=<num>"
    ),
    ("connect to https://10.0.0.5:9200/_bulk failed", "connect to https://<ip>/_bulk failed"),
    ("user \"bob smith\" not found", "user <str> not found"),
    ("can't reach 'db-primary' now", "can't reach <str> now"),
    ("retry 3 of 5: timeout after 30s.", "retry <num> of <num>: timeout after <dur>."),
    ("status:500 from upstream", "status:<num> from upstream"),
    ("sent mail to alice@example.com", "sent mail to <email>"),
    ("took 12 ms (p99 was 250ms)", "took <num> ms (p99 was <dur>)"),
    ("checkout-web/4.12.0", "checkout-web/<num>"),
    ("key=req_f57ebc3a, n=4", "key=<id>, n=<num>"),
    ("unclosed \"quote here", "unclosed \"quote here"),
    ("started at 2024-03-15T10:00:01Z", "started at <time>"),
    ("", ""),
  ]

  @Test(arguments: texts)
  func folds(text: String, folded: String) {
    #expect(VariableText.fold(text) == folded)
    #expect(VariableText.fold(folded) == folded, "folding folded text changes nothing")
  }

  @Test func invalidUTF8AndControlsPassThrough() {
    let text: [UInt8] = [0xFF, 0x20, 0x31, 0x32, 0x20, 0xC3, 0x28, 0x0A, 0x09]
    #expect(
      VariableText.fold(text) == [0xFF, 0x20] + Array("<num>".utf8) + [
        0x20, 0xC3, 0x28, 0x0A, 0x09,
      ])
  }
}
