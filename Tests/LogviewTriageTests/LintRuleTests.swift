import LogviewCore
import Testing

@testable import LogviewTriage

/// Each lint rule over small logs: a case that makes it find something (with the count and
/// the first line) and one that does not.
@Suite struct LintRuleTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var lines: [String]
    var rule: LintRule
    /// Findings of the rule expected: (count, first line); nil: none.
    var expected: (count: Int, line: Int)?
    var testDescription: String { name }
  }

  static let time = #""time":"2024-03-15T10:00:00.123Z""#
  static let base = #"\#(time),"level":"info","service":"api""#

  static let cases: [Case] = [
    Case(
      name: "plain text is unstructured",
      lines: [#"{\#(base),"msg":"a"}"#, "2024-03-15T10:00:00.123Z INFO api started"],
      rule: .unstructured, expected: (1, 2)),
    Case(
      name: "JSON and logfmt are structured",
      lines: [#"{\#(base),"msg":"a"}"#, "time=2024-03-15T10:00:00.123Z level=info msg=b"],
      rule: .unstructured, expected: nil),
    Case(
      name: "a record without a time",
      lines: [#"{"level":"info","service":"api","msg":"a"}"#], rule: .missingTime,
      expected: (1, 1)),
    Case(
      name: "an epoch time is a time", lines: [#"{"time":1710496800123,"msg":"a"}"#],
      rule: .missingTime, expected: nil),
    Case(
      name: "a time without a zone",
      lines: [
        #"{\#(base),"msg":"a"}"#, #"{"time":"2024-03-15T10:00:00.123","msg":"b"}"#,
        "2024-03-15 10:00:00,123 INFO c",
      ],
      rule: .missingZone, expected: (2, 2)),
    Case(
      name: "Z, an offset, an epoch say the zone",
      lines: [
        #"{\#(base),"msg":"a"}"#, #"{"time":"2024-03-15T10:00:00.123+01:00","msg":"b"}"#,
        #"{"time":1710496800123,"msg":"c"}"#, "[2024-03-15 10:00:00.123 UTC] INFO d",
      ],
      rule: .missingZone, expected: nil),
    Case(
      name: "times to the second",
      lines: [
        #"{"time":"2024-03-15T10:00:00Z","msg":"a"}"#, #"{"time":1710496800,"msg":"b"}"#,
        #"{"time":"2024-03-15T10:00:00.5Z","msg":"c"}"#,
      ],
      rule: .coarseTime, expected: (3, 1)),
    Case(
      name: "milliseconds or finer",
      lines: [
        #"{\#(base),"msg":"a"}"#, #"{"time":1710496800123,"msg":"b"}"#,
        #"{"time":"2024-03-15T10:00:00.123456Z","msg":"c"}"#,
        #"{"time":"1710496800123456","msg":"d"}"#, #"{"time":1710496800.125,"msg":"e"}"#,
      ],
      rule: .coarseTime, expected: nil),
    Case(
      name: "a record without a level",
      lines: [#"{\#(base),"msg":"a"}"#, #"{\#(time),"service":"api","msg":"b"}"#],
      rule: .missingLevel, expected: (1, 2)),
    Case(
      name: "levels as words and numbers",
      lines: [#"{\#(base),"msg":"a"}"#, #"{\#(time),"level":30,"name":"api","msg":"b"}"#],
      rule: .missingLevel, expected: nil),
    Case(
      name: "a record without a service",
      lines: [#"{\#(time),"level":"info","msg":"a"}"#], rule: .missingService,
      expected: (1, 1)),
    Case(
      name: "service under its aliases",
      lines: [#"{\#(base),"msg":"a"}"#, #"{\#(time),"level":"info","logger":"api","msg":"b"}"#],
      rule: .missingService, expected: nil),
    Case(
      name: "HTTP records without a request ID",
      lines: [
        #"{\#(base),"http":{"method":"GET","path":"/healthz"},"msg":"a"}"#,
        #"{\#(base),"method":"GET","requestId":"req_1","msg":"b"}"#,
        #"{\#(base),"status":503,"msg":"c"}"#, #"{\#(base),"event":"http.response","msg":"d"}"#,
      ],
      rule: .missingRequestId, expected: (3, 1)),
    Case(
      name: "request IDs on HTTP records; other records need none",
      lines: [
        #"{\#(base),"http":{"method":"GET"},"reqId":"r1","msg":"a"}"#,
        #"{\#(base),"status":"ok","path":"/etc/app.conf","msg":"b"}"#,
        #"{\#(base),"event":"cache.hit","msg":"c"}"#, #"{\#(base),"status":42,"msg":"d"}"#,
      ],
      rule: .missingRequestId, expected: nil),
    Case(
      name: "debug above the threshold",
      lines: (1...7).map { _ in #"{\#(base),"msg":"a"}"# }
        + (1...3).map { _ in #"{\#(time),"level":"debug","service":"api","msg":"b"}"# },
      rule: .debugVolume, expected: (3, 8)),
    Case(
      name: "debug at the threshold",
      lines: (1...8).map { _ in #"{\#(base),"msg":"a"}"# }
        + (1...2).map { _ in #"{\#(time),"level":"trace","service":"api","msg":"b"}"# },
      rule: .debugVolume, expected: nil),
    Case(
      name: "values in messages",
      lines: [#"{\#(base),"msg":"cache hit"}"#, #"{\#(base),"msg":"reserved 3 items"}"#],
      rule: .variableMessages, expected: (1, 2)),
    Case(
      name: "constant messages; a text line is unstructured, not a message with values",
      lines: [
        #"{\#(base),"msg":"cache hit","items":3}"#, #"{\#(base),"msg":"cache miss"}"#,
        "2024-03-15 10:00:00.123Z INFO reserved 3 items",
      ],
      rule: .variableMessages, expected: nil),
    Case(
      name: "a credential in a message",
      lines: [
        #"{\#(base),"msg":"ok"}"#, #"{\#(base),"msg":"login with password=hunter2"}"#,
        "2024-03-15T10:00:00.123Z INFO fetching https://bob:s3cret@example.com/x",
      ],
      rule: .sensitiveData, expected: (2, 2)),
    Case(
      name: "ordinary IDs are no credentials",
      lines: [#"{\#(base),"authorization":"auth_5c45f7ecd6","msg":"payment authorized"}"#],
      rule: .sensitiveData, expected: nil),
  ]

  @Test(arguments: cases)
  func rule(_ test: Case) {
    let verdict = LintVerdict(Self.samples(test.lines))
    let found = verdict.services.flatMap(\.findings).filter { $0.rule == test.rule }
    guard let expected = test.expected else {
      #expect(found.isEmpty, "\(found)")
      return
    }
    #expect(found.map(\.count).reduce(0, +) == expected.count, "\(found)")
    let first = found.compactMap(\.example).min { $0.line < $1.line }
    #expect(first == LintRef(source: Array("app.log".utf8), line: expected.line))
  }

  /// The lines as `app.log` from line `firstLine` on, each record on its line.
  static func samples(_ lines: [String], firstLine: Int = 1) -> LintSamples {
    var samples = LintSamples()
    let normalizer = Normalizer()
    for (index, line) in lines.enumerated() {
      Array(line.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes) { record in
          samples.append(record, source: Array("app.log".utf8), line: firstLine + index)
        }
      }
    }
    return samples
  }
}
