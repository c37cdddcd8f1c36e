import LogviewCore
import Testing

@testable import LogviewRemote

struct CloudWatchPageTests {
  @Test func readsEventsAndTheNextToken() throws {
    let body = #"""
      {"events":[
        {"logStreamName":"web-1","timestamp":1710503940000,"message":"{\"level\":\"error\"}",
         "ingestionTime":1710503940100,"eventId":"3792"},
        {"logStreamName":"web-2","timestamp":1710503941000,"message":"plain \"q\" \u00e9",
         "ingestionTime":1710503941100,"eventId":"3793"}],
       "searchedLogStreams":[{"logStreamName":"web-1","searchedCompletely":true}],
       "nextToken":"tok/1=="}
      """#
    let page = try CloudWatchPage.parse(Array(body.utf8), endpoint: "cw")
    #expect(page.nextToken == "tok/1==")
    #expect(page.events.map(\.timestamp) == [1_710_503_940_000, 1_710_503_941_000])
    #expect(page.events.map(\.eventId) == ["3792", "3793"])
    #expect(page.events.map(\.logStreamName) == ["web-1", "web-2"])
    #expect(
      page.events.map { String(decoding: $0.message, as: UTF8.self) } == [
        #"{"level":"error"}"#, #"plain "q" é"#,
      ])
  }

  @Test(arguments: [
    #"{"events":[],"nextToken":null}"#, #"{"events":[]}"#,
    #" {"events":[],"searchedLogStreams":[]} "#,
  ])
  func theLastPageHasNoToken(_ body: String) throws {
    let page = try CloudWatchPage.parse(Array(body.utf8), endpoint: "cw")
    #expect(page.nextToken == nil)
    #expect(page.events.isEmpty)
  }

  @Test func anEmptyPageMayStillHaveAToken() throws {
    let page = try CloudWatchPage.parse(
      Array(#"{"events":[],"nextToken":"more"}"#.utf8), endpoint: "cw")
    #expect(page.events.isEmpty)
    #expect(page.nextToken == "more")
  }

  /// Body, a fragment of the error.
  static let malformed: [(String, String)] = [
    ("", "no JSON object"),
    ("<html><body>502 Bad Gateway</body></html>", "no JSON object"),
    (
      #"{"events":[{"timestamp":1,"message":"a","eventId":"1"},{"timestamp":2,"mess"#,
      "no JSON object"
    ),
    (#"{"nextToken":"x"}"#, "no events array"),
    (#"{"events":{}}"#, "no events array"),
    (#"{"events":[{"timestamp":"1","message":"a","eventId":"1"}]}"#, "without a timestamp"),
    (#"{"events":[{"timestamp":1,"eventId":"1"}]}"#, "without a timestamp, message"),
    (#"{"events":[{"timestamp":1,"message":"a"}]}"#, "or eventId"),
    (#"{"events":[{"timestamp":1.5e400,"message":"a","eventId":"1"}]}"#, "without a timestamp"),
    (#"{"events":["x"]}"#, "without a timestamp"),
    (#"{"events":[],"nextToken":7}"#, "nextToken that is not a string"),
  ]

  @Test(arguments: malformed)
  func malformedAnswersAreOneError(_ body: String, _ fragment: String) {
    do {
      _ = try CloudWatchPage.parse(Array(body.utf8), endpoint: "cloudwatch://r/g")
      Issue.record("parsed \(body)")
    } catch {
      #expect(error.description.hasPrefix("cloudwatch://r/g sent an unexpected answer: "))
      #expect(error.description.contains(fragment), "\(error)")
    }
  }

  @Test func aPrettyPrintedJSONMessageBecomesOneLine() {
    var scanner = JSONObjectScanner()
    let pretty = Array("{\n  \"a\": 1,\r\n  \"b\": \"x\"\n}".utf8)
    #expect(
      String(decoding: CloudWatchPage.oneLine(pretty, scanner: &scanner), as: UTF8.self)
        == #"{   "a": 1,    "b": "x" }"#)
    let text = Array("Traceback:\n  line 1".utf8)
    #expect(CloudWatchPage.oneLine(text, scanner: &scanner) == text)
  }

  /// Body, type, message.
  static let errors: [(String, String?, String)] = [
    (
      #"{"__type":"ResourceNotFoundException","message":"The specified log group does not exist."}"#,
      "ResourceNotFoundException", "The specified log group does not exist."
    ),
    (
      #"{"__type":"com.amazonaws.logs#ThrottlingException","Message":"Rate exceeded"}"#,
      "ThrottlingException", "Rate exceeded"
    ),
    // Cut short: the type still.
    (
      #"{"__type":"InvalidSignatureException","message":"The request signature we calc"#,
      "InvalidSignatureException", ""
    ),
    ("Service Unavailable", nil, ""),
    (#"{"message":"no type"}"#, nil, ""),
  ]

  @Test(arguments: errors)
  func awsErrorBodies(_ body: String, _ type: String?, _ message: String) {
    let error = CloudWatchPage.awsError(Array(body.utf8))
    #expect(error?.type == type)
    if type != nil { #expect(error?.message == message) }
  }
}
