import LogviewCore
import Testing

@testable import LogviewTriage

/// A time with milliseconds and its zone, and a level.
private let head = #""time":"2024-03-15T10:00:00.123Z","level":"info""#

/// Findings across services, the scores, the order of services, and pieces merged.
@Suite struct LintVerdictTests {
  /// A concept under several keys across services is one finding naming who uses which.
  @Test(arguments: [
    (
      [
        #"{\#(head),"service":"a","requestId":"r1","msg":"x"}"#,
        #"{\#(head),"service":"a","requestId":"r2","msg":"x"}"#,
        #"{\#(head),"service":"b","reqId":"r3","msg":"x"}"#,
      ],
      "request ID", 1, 3, "requestId: a · reqId: b"
    ),
    (
      [
        #"{\#(head),"service":"a","userId":"u1","durationMs":3,"msg":"x"}"#,
        #"{\#(head),"service":"b","user_id":"u2","duration_ms":4,"msg":"x"}"#,
      ],
      "user ID", 1, 2, "userId: a · user_id: b"
    ),
    (
      [
        #"{\#(head),"service":"a","message":"x"}"#, #"{\#(head),"service":"b","msg":"x"}"#,
        #"{\#(head),"service":"c","msg":"x"}"#,
      ],
      "message", 1, 3, "msg: b, c · message: a"
    ),
  ])
  func mixedKeys(
    _ lines: [String], _ concept: String, _ count: Int, _ base: Int, _ detail: String
  ) throws {
    let verdict = LintVerdict(LintRuleTests.samples(lines))
    let finding = try #require(verdict.crossService.first { $0.subject == concept })
    #expect(finding.rule == .mixedKeys)
    #expect(finding.count == count)
    #expect(finding.base == base)
    #expect(finding.detail == detail)
    #expect(finding.example != nil)
  }

  @Test func sameKeysEverywhereAreNoFinding() {
    let lines = [
      #"{\#(head),"service":"a","requestId":"r1","userId":"u","durationMs":1,"msg":"x"}"#,
      #"{\#(head),"service":"b","requestId":"r2","userId":"v","durationMs":2,"msg":"y"}"#,
    ]
    let verdict = LintVerdict(LintRuleTests.samples(lines))
    #expect(verdict.crossService.isEmpty)
    #expect(verdict.findingCount == 0)
    #expect(verdict.score == 100)
  }

  /// A trace ID read as the request ID (no request ID key) is counted as a trace ID.
  @Test func traceIdIsItsOwnConcept() {
    let lines = [
      #"{\#(head),"service":"a","requestId":"r1","msg":"x"}"#,
      #"{\#(head),"service":"b","traceId":"t1","msg":"x"}"#,
    ]
    let verdict = LintVerdict(LintRuleTests.samples(lines))
    #expect(verdict.crossService.isEmpty, "\(verdict.crossService)")
  }

  /// The formula: weight × (25% + 75% × share), taken from 100, rounded.
  @Test(arguments: [
    (LintRule.missingTime, 10, 10, 75),  // error 25, every record: 25
    (.missingTime, 0, 10, 100),
    (.missingLevel, 1, 10, 97),  // warn 10 × (0.25 + 0.075) = 3.25
    (.coarseTime, 5, 10, 98),  // info 4 × (0.25 + 0.375) = 2.5 -> 97.5 rounds up
  ])
  func score(_ rule: LintRule, _ count: Int, _ base: Int, _ score: Int) {
    let findings =
      count == 0 ? [] : [LintFinding(rule: rule, count: count, base: base, example: nil)]
    #expect(LintScore.score(findings) == score)
  }

  @Test func manyFindingsStopAtZero() {
    let finding = LintFinding(rule: .sensitiveData, count: 1, base: 1, example: nil)
    #expect(LintScore.score(Array(repeating: finding, count: 5)) == 0)
  }

  /// Worst score first; the overall score averages the services by their records.
  @Test func servicesWorstFirst() {
    let lines =
      [#"{\#(head),"service":"good","msg":"x"}"#, #"{\#(head),"service":"good","msg":"y"}"#]
      + [#"{"level":"info","service":"bad","msg":"x"}"#]
    let verdict = LintVerdict(LintRuleTests.samples(lines))
    #expect(verdict.services.map(\.name) == [Array("bad".utf8), Array("good".utf8)])
    #expect(verdict.services.map(\.score) == [75, 100])
    #expect(verdict.score == 92)  // (75 + 2 × 100) / 3 = 91.7
    #expect(verdict.records == 3)
  }

  /// Counting in pieces and merging them gives what counting at once gives, the first
  /// record of a finding coming from the first piece.
  @Test func piecesMergeInOrder() {
    let lines = [
      #"{"level":"info","service":"a","msg":"reserved 1 item"}"#,
      #"{\#(head),"service":"b","msg":"cache hit"}"#,
      #"{"level":"info","service":"a","msg":"reserved 2 items"}"#,
      #"{\#(head),"service":"b","msg":"reserved 3 items"}"#,
      "plain text",
    ]
    let whole = LintVerdict(LintRuleTests.samples(lines))
    var merged = LintRuleTests.samples(Array(lines[..<2]))
    merged.merge(LintRuleTests.samples(Array(lines[2...]), firstLine: 3))
    #expect(LintVerdict(merged) == whole)
    #expect(whole.findingCount > 3)
  }

  @Test func variableDetailNamesTheCommonestTemplate() {
    let lines = ["reserved 1 item", "reserved 2 items", "reserved 3 items", "cache hit"].map {
      #"{\#(head),"service":"a","msg":"\#($0)"}"#
    }
    let verdict = LintVerdict(LintRuleTests.samples(lines))
    let finding = verdict.services[0].findings.first { $0.rule == .variableMessages }
    #expect(
      finding?.detail
        == "'reserved <num> items' embeds 1 value in 2 records; 3 templates from 4 distinct messages"
    )
  }
}
