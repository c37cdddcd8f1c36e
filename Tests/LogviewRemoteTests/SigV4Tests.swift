import Testing

@testable import LogviewRemote

/// Known answers: AWS's Signature Version 4 test suite (aws-sig-v4-test-suite, 2015-08-30:
/// AKIDEXAMPLE, us-east-1, service "service"), and a FilterLogEvents request with a session
/// token as botocore's SigV4Auth signs it.
struct SigV4Tests {
  static let suite = SigV4(
    credentials: AWSCredentials(
      accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      sessionToken: nil),
    region: "us-east-1", service: "service")

  /// Test-suite case, method, query, extra headers, body, signed headers, signature.
  static let cases:
    [(String, String, [(String, String)], [(String, String)], String, String, String)] = [
      (
        "get-vanilla", "GET", [], [], "", "host;x-amz-date",
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
      ),
      (
        "get-vanilla-query-order-key-case", "GET", [("Param2", "value2"), ("Param1", "value1")], [],
        "", "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
      ),
      (
        "post-vanilla", "POST", [], [], "", "host;x-amz-date",
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
      ),
      (
        "post-x-www-form-urlencoded", "POST", [],
        [("Content-Type", "application/x-www-form-urlencoded")], "Param1=value1",
        "content-type;host;x-amz-date",
        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
      ),
    ]

  @Test(arguments: cases)
  func awsTestSuite(
    _ name: String, _ method: String, _ query: [(String, String)], _ headers: [(String, String)],
    _ body: String, _ signedHeaders: String, _ signature: String
  ) {
    let signed = Self.suite.sign(
      method: method, path: "/", query: query,
      headers: [("Host", "example.amazonaws.com")] + headers, body: Array(body.utf8),
      amzDate: "20150830T123600Z")
    #expect(signed.signature == signature, "\(name)")
    let authorization = signed.headers.first { $0.0 == "Authorization" }?.1
    #expect(
      authorization
        == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        + "SignedHeaders=\(signedHeaders), Signature=\(signature)", "\(name)")
  }

  @Test func filterLogEventsWithASessionTokenAsBotocoreSignsIt() {
    let signer = SigV4(
      credentials: AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "session-token-example"),
      region: "eu-west-1", service: "logs")
    let body =
      #"{"logGroupName":"/aws/lambda/fn","startTime":1710500400000,"interleaved":true,"limit":10000}"#
    let signed = signer.sign(
      method: "POST", path: "/",
      headers: [
        ("Host", "logs.eu-west-1.amazonaws.com"), ("Content-Type", "application/x-amz-json-1.1"),
        ("X-Amz-Target", "Logs_20140328.FilterLogEvents"),
      ], body: Array(body.utf8), amzDate: SigV4.amzDate(1_710_504_000_000_000_000))
    #expect(signed.headers.contains { $0 == ("X-Amz-Security-Token", "session-token-example") })
    #expect(signed.headers.contains { $0 == ("X-Amz-Date", "20240315T120000Z") })
    #expect(
      signed.signature == "b1ff4fcf9b78d4014465b53812c42cebff1008790b4d4d6e5241d7979218ac12")
    #expect(
      signed.headers.last?.1.contains(
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target") == true)
  }

  @Test(arguments: [
    (Int64(1_440_938_160_000_000_000), "20150830T123600Z"),
    (0, "19700101T000000Z"), (1_710_504_059_999_000_000, "20240315T120059Z"),
  ])
  func amzDate(_ nanos: Int64, _ text: String) {
    #expect(SigV4.amzDate(nanos) == text)
  }

  @Test func canonicalHeadersTrimSortAndJoin() {
    let canonical = SigV4.canonicalHeaders([
      ("My-Header1", "  a   b   c  "), ("Host", "h"), ("my-header1", "d"),
    ])
    #expect(canonical.text == "host:h\nmy-header1:a b c,d\n")
    #expect(canonical.names == "host;my-header1")
  }
}
