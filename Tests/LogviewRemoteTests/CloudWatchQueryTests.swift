import LogviewCore
import LogviewQuery
import Testing

@testable import LogviewRemote

struct CloudWatchQueryTests {
  static func filter(_ text: String) throws -> (terms: [StoreTerm], othersRemain: Bool) {
    try Query.parse(text).compile(now: 0, zone: .utc).storeTerms
  }

  /// Filter, --request, the filter pattern sent (nil: none), something stays local.
  static let cases: [(String, String?, String?, Bool)] = [
    ("", nil, nil, false),
    // Smart case: a lower-case word ignores case, through classes.
    ("timeout", nil, "%[tT][iI][mM][eE][oO][uU][tT]%", false),
    ("Timeout", nil, "%Timeout%", false),
    ("Req_7f42.a-1", nil, #"%Req_7f42\.a-1%"#, false),
    // One regex: the longest word; the other stays local.
    ("Gateway ERR_TIMEOUT", nil, "%ERR_TIMEOUT%", true),
    // The request ID comes first, case kept.
    ("Gateway", "req_7f42a9c1", "%req_7f42a9c1%", true),
    ("", "req_7f42a9c1", "%req_7f42a9c1%", false),
    // Characters a CloudWatch regex does not take literally, or too short, stay local.
    (#""timed out""#, nil, nil, true),
    ("'say \"hi\"'", nil, nil, true),
    ("a+b", nil, nil, true),
    ("ab", nil, nil, true),
    ("café", nil, nil, true),
    // Only in what logview adds to each record: digits (times, eventIds), member names, the
    // group's name.
    ("1710504000", nil, nil, true),
    ("StreamName", nil, nil, true),
    ("observedtime", nil, nil, true),
    ("lambda/checkout", nil, nil, true),
    // A field's value is in the message; not a metadata field's, nor a value with '/'.
    ("user=bob", nil, "%bob%", true),
    ("logStreamName=web-1", nil, nil, true),
    ("path=a/b", nil, nil, true),
    ("user=bob timeout", nil, "%[tT][iI][mM][eE][oO][uU][tT]%", true),
    // Anything but a top-level AND of words and name=value stays local.
    ("level>=error", nil, nil, true),
    ("timeout or declined", nil, nil, true),
    ("not timeout", nil, nil, true),
    ("level>=error Timeout", nil, "%Timeout%", true),
  ]

  @Test(arguments: cases)
  func pushesOneRegexWhereExactOrWider(
    _ text: String, _ requestId: String?, _ pattern: String?, _ local: Bool
  ) throws {
    let query = CloudWatchQuery.build(
      filter: try Self.filter(text), requestId: requestId, group: "/aws/lambda/checkout")
    #expect(query.filterPattern == pattern, "\(text)")
    #expect(query.othersLocal == local, "\(text)")
    #expect(query.pushed.count == (pattern == nil ? 0 : 1))
  }

  @Test func aNeedleTooLongForAPatternStaysLocal() throws {
    let long = String(repeating: "A", count: 201)
    let query = CloudWatchQuery.build(filter: try Self.filter(long), requestId: nil, group: "g")
    #expect(query.filterPattern == nil)
  }
}
