import Testing

@testable import LogviewRemote

struct CloudWatchClientTests {
  static let environment = [
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCY",
    "AWS_SESSION_TOKEN": "FQoGZXIvYXdzEBYaDNz9sEkhEXAMPLETOKEN",
  ]

  /// Region, endpoint variables, URL, Host.
  static let endpoints: [(String, [String: String], String, String)] = [
    ("us-east-1", [:], "https://logs.us-east-1.amazonaws.com/", "logs.us-east-1.amazonaws.com"),
    (
      "cn-north-1", [:], "https://logs.cn-north-1.amazonaws.com.cn/",
      "logs.cn-north-1.amazonaws.com.cn"
    ),
    (
      "us-east-1", ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"], "http://127.0.0.1:5000/",
      "127.0.0.1:5000"
    ),
    (
      "us-east-1",
      [
        "AWS_ENDPOINT_URL": "http://other:1",
        "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "HTTPS://logs.local/base/",
      ],
      "https://logs.local/base/", "logs.local"
    ),
    (
      "us-east-1", ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "", "AWS_ENDPOINT_URL": "http://h:2"],
      "http://h:2/", "h:2"
    ),
  ]

  @Test(arguments: endpoints)
  func endpoint(_ region: String, _ environment: [String: String], _ url: String, _ host: String)
    throws
  {
    let found = try CloudWatchClient.endpoint(
      region: region, environment: environment, display: "cw")
    #expect(found.url == url)
    #expect(found.host == host)
  }

  @Test(arguments: ["ftp://x", "127.0.0.1:5000", "http://", "http://user:pw@h"])
  func badEndpoints(_ url: String) {
    #expect(throws: StoreError.self) {
      try CloudWatchClient.endpoint(
        region: "r", environment: ["AWS_ENDPOINT_URL": url], display: "cw")
    }
  }

  @Test func theBodyHasWhatIsGiven() {
    var request = CloudWatchClient.Request(group: "/aws/lambda/\"fn\"", startTime: 5, endTime: 9)
    #expect(
      String(decoding: CloudWatchClient.body(request), as: UTF8.self)
        == #"{"logGroupName":"/aws/lambda/\"fn\"","startTime":5,"endTime":9,"interleaved":true,"limit":10000}"#
    )
    request.streamPrefix = "web-"
    request.filterPattern = "%req_1%"
    request.nextToken = "t"
    request.endTime = nil
    #expect(
      String(decoding: CloudWatchClient.body(request), as: UTF8.self)
        == #"{"logGroupName":"/aws/lambda/\"fn\"","logStreamNamePrefix":"web-","filterPattern":"%req_1%","nextToken":"t","startTime":5,"interleaved":true,"limit":10000}"#
    )
  }

  /// Status, body, the error's text (endpoint "cloudwatch://us-east-1/aws/lambda/fn").
  static let answers: [(Int, String, String)] = [
    (
      400,
      #"{"__type":"ResourceNotFoundException","message":"The specified log group does not exist."}"#,
      "bad log store address cloudwatch://us-east-1/aws/lambda/fn: log group aws/lambda/fn does not "
        + "exist in us-east-1 (for /aws/lambda/fn, write cloudwatch://us-east-1//aws/lambda/fn)"
    ),
    (
      400,
      #"{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"#,
      "cloudwatch://us-east-1/aws/lambda/fn refused access (HTTP 400): UnrecognizedClientException: "
        + AWSCredentials.hint
    ),
    (
      400,
      #"{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match.\n\nThe Canonical String for this request should have been\n'POST\n/\n\nx-amz-security-token:FQoGZXIvYXdzEBYaDNz9sEkhEXAMPLETOKEN\n'"}"#,
      "cloudwatch://us-east-1/aws/lambda/fn refused access (HTTP 400): InvalidSignatureException: "
        + AWSCredentials.hint
    ),
    (
      400,
      #"{"__type":"AccessDeniedException","message":"User: arn:aws:iam::1:user/bob is not authorized"}"#,
      "cloudwatch://us-east-1/aws/lambda/fn refused access (HTTP 400): AccessDeniedException (User: "
        + "arn:aws:iam::1:user/bob is not authorized): " + AWSCredentials.hint
    ),
    (
      400,
      #"{"__type":"InvalidParameterException","message":"Invalid filter pattern\nsecond line"}"#,
      "cloudwatch://us-east-1/aws/lambda/fn answered HTTP 400: InvalidParameterException: Invalid filter pattern"
    ),
    (
      500, "oops token FQoGZXIvYXdzEBYaDNz9sEkhEXAMPLETOKEN",
      "cloudwatch://us-east-1/aws/lambda/fn answered HTTP 500: oops token ***"
    ),
  ]

  @Test(arguments: answers)
  func errorsInCloudWatchsWords(_ status: Int, _ body: String, _ expected: String) throws {
    let client = try CloudWatchClient(
      region: "us-east-1", display: "cloudwatch://us-east-1/aws/lambda/fn",
      environment: Self.environment)
    let error = client.explained(
      .rejected(
        endpoint: client.display, status: status, message: StoreError.excerpt(Array(body.utf8))),
      group: "aws/lambda/fn", signature: "0123456789abcdef")
    #expect(error.description == expected)
    #expect(!error.description.contains("FQoG"))
  }

  @Test func throttlingIsRetried() throws {
    let client = try CloudWatchClient(
      region: "us-east-1", display: "cw", environment: Self.environment)
    let throttled = HTTPAnswer(
      status: 400, headers: [],
      body: Array(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.utf8))
    let missing = HTTPAnswer(
      status: 400, headers: [], body: Array(#"{"__type":"ResourceNotFoundException"}"#.utf8))
    #expect(client.fetcher.retriesAlso(throttled))
    #expect(!client.fetcher.retriesAlso(missing))
  }
}
