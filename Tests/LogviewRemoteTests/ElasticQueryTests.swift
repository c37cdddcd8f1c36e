import LogviewQuery
import Testing

@testable import LogviewRemote

@Suite struct ElasticQueryTests {
  static let mappingBody = #"""
    {"logs-a":{"mappings":{"properties":{"@timestamp":{"type":"date"},
    "region":{"type":"keyword"},"short":{"type":"keyword","ignore_above":4},
    "note":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":10}}},
    "body":{"type":"text"},"ok":{"type":"boolean"},"n":{"type":"long"},
    "http":{"properties":{"method":{"type":"keyword"}}},"mixed":{"type":"keyword"}}}},
    "logs-b":{"mappings":{"properties":{"mixed":{"type":"long"}}}}}
    """#

  static func mapping() throws -> ElasticMapping {
    try ElasticMapping.parse(Array(mappingBody.utf8), endpoint: "es://h:1/logs-*")
  }

  @Test func mappingFlattensAndMarksConflicts() throws {
    let mapping = try Self.mapping()
    #expect(mapping["http.method"]?.type == "keyword")
    #expect(mapping["note"]?.keywordSubfield == "keyword")
    #expect(mapping["note.keyword"]?.ignoreAbove == 10)
    #expect(mapping["mixed"]?.type == ElasticMapping.conflicting)
    #expect(mapping.timeField(preferred: nil) == "@timestamp")
    #expect(mapping.timeField(preferred: "ingested") == "ingested")
  }

  /// name, value, the clause (nil: stays local).
  static let clauses: [(String, String, String?)] = [
    ("region", "eu", #"{"term":{"region":"eu"}}"#),
    ("short", "abcd", #"{"term":{"short":"abcd"}}"#),
    // Longer than ignore_above: not indexed, a term would find nothing.
    ("short", "abcde", nil),
    ("note", "slow dog", #"{"term":{"note.keyword":"slow dog"}}"#),
    ("note", "a very long note", #"{"match_phrase":{"note":"a very long note"}}"#),
    ("body", "x \"y\"", #"{"match_phrase":{"body":"x \"y\""}}"#),
    ("ok", "true", #"{"term":{"ok":"true"}}"#),
    ("ok", "yes", nil),
    ("n", "abc", nil),
    ("mixed", "x", nil),
    ("absent", "x", nil),
    ("_index", "logs-a", #"{"term":{"_index":"logs-a"}}"#),
    ("_id", "d1", #"{"ids":{"values":["d1"]}}"#),
  ]

  @Test(arguments: clauses)
  func clauseIsExactOrWider(_ name: String, _ value: String, _ expected: String?) throws {
    #expect(ElasticQuery.clause(name: name, value: value, mapping: try Self.mapping()) == expected)
  }

  @Test func queryBoundsTheWindowInWholeMilliseconds() throws {
    let query = ElasticQuery.build(
      mapping: try Self.mapping(),
      filter: ([.fieldEquals(name: "region", value: "eu"), .text("x", ignoringCase: true)], false),
      requestId: nil, timeField: "@timestamp")
    #expect(query.pushed == [.fieldEquals(name: "region", value: "eu")])
    #expect(query.othersLocal)
    #expect(
      query.query(start: 1_500_000_001, end: 2_500_000_001)
        == #"{"bool":{"filter":[{"range":{"@timestamp":{"gte":1500,"lt":2501,"format":"epoch_millis"}}},{"term":{"region":"eu"}}]}}"#
    )
    let body = query.searchBody(
      size: 10, pit: "P", keepAlive: "1m", searchAfter: nil, start: nil, end: nil)
    #expect(!body.contains("search_after"))
    #expect(body.contains(#""sort":[{"@timestamp":"asc"},{"_shard_doc":"asc"}]"#))
    #expect(
      query.searchBody(
        size: 10, pit: "P", keepAlive: "1m", searchAfter: "[1,2]", start: nil, end: nil
      )
      .hasSuffix(#","search_after":[1,2]}"#))
  }

  @Test func withoutATimeFieldTheIndexIsReadWhole() {
    let query = ElasticQuery.build(
      mapping: ElasticMapping(), filter: ([], false), requestId: nil, timeField: nil)
    #expect(query.query(start: 1, end: 2) == #"{"match_all":{}}"#)
    #expect(query.sort == #"[{"_shard_doc":"asc"}]"#)
  }

  @Test func pageReadsHitsAndThePointInTime() throws {
    let body = #"""
      {"pit_id":"P2","hits":{"hits":[{"_index":"logs-a","_id":"1","_source":{"a":1,
      "b":"x"},"sort":[1710500400123,7]},{"_index":"logs-a","_id":"2","_source":{},"sort":[1710500400124,8]}]}}
      """#
    let page = try ElasticPage.parse(Array(body.utf8), timeField: "a", endpoint: "e")
    #expect(page.pitId == "P2")
    #expect(page.hits.map(\.id) == ["1", "2"])
    #expect(page.hits[0].millis == 1_710_500_400_123)
    #expect(page.hits[0].sort == "[1710500400123,7]")
    #expect(!page.hits[0].source.contains(0x0A))
    let untimed = try ElasticPage.parse(Array(body.utf8), timeField: nil, endpoint: "e")
    #expect(untimed.hits[0].millis == nil)
    // The first document holds the time field ("a"), the second does not.
    #expect(page.hits.map(\.hasOwnTime) == [true, false])
  }

  static let malformed = [
    "", "garbage", #"{"hits":{"hits":[{"_id":"1","_source":{"a":1},"sort":[1]"#,
    #"{"hits":{"total":1}}"#, #"{"hits":{"hits":[{"_id":1,"_source":{},"sort":[]}]}}"#,
  ]

  @Test(arguments: malformed)
  func malformedPagesAreErrors(_ body: String) {
    #expect(throws: StoreError.self) {
      try ElasticPage.parse(Array(body.utf8), timeField: "a", endpoint: "e")
    }
  }

  @Test func errorMessagesAreTheServersOwnWords() {
    let body = #"""
      {"error":{"root_cause":[{"type":"index_not_found_exception","reason":"no such index [x]"}],
      "type":"index_not_found_exception","reason":"no such index [x]"},"status":404}
      """#
    #expect(
      ElasticPage.errorMessage(Array(body.utf8)) == "index_not_found_exception: no such index [x]")
    #expect(ElasticPage.errorMessage(Array(#"{"error":"no handler"}"#.utf8)) == "no handler")
    #expect(ElasticPage.errorMessage(Array("Bad Gateway".utf8)) == "Bad Gateway")
  }

  /// `name in (...)`: one terms query when every value is a term on the same field, else the
  /// values' clauses ORed, else local.
  static let alternatives: [([String], String, String?)] = [
    (["eu", "us"], "region", #"{"terms":{"region":["eu","us"]}}"#),
    (["slow dog", "fox"], "note", #"{"terms":{"note.keyword":["slow dog","fox"]}}"#),
    (
      ["slow dog", "a very long note"], "note",
      #"{"bool":{"should":[{"term":{"note.keyword":"slow dog"}},{"match_phrase":{"note":"a very long note"}}],"minimum_should_match":1}}"#
    ),
    (["abcd", "abcdef"], "short", nil),
    (["x", "y"], "absent", nil),
  ]

  @Test(arguments: alternatives)
  func alternativesAreTermsOrOredClauses(_ values: [String], _ name: String, _ expected: String?)
    throws
  {
    let term = StoreTerm.fieldIn(name: name, values: values)
    #expect(ElasticQuery.clause(term, mapping: try Self.mapping()) == expected)
  }
}
