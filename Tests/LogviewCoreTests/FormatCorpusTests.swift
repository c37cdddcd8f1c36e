import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewCore

/// What one record of a writer's fixture should normalize to, written by hand from the
/// writer's documentation and source (timestamps as RFC 3339 UTC with milliseconds).
struct DocumentedRecord: Sendable {
  var timestamp: String?
  var level: Level?
  var message: String?
  var requestId: String?
  var service: String?

  init(
    _ timestamp: String?, _ level: Level?, _ message: String?, request requestId: String? = nil,
    service: String? = nil
  ) {
    self.timestamp = timestamp
    self.level = level
    self.message = message
    self.requestId = requestId
    self.service = service
  }
}

/// Every record of each writer's fixture (Fixtures/formats) against its documented fields:
/// split into records as the explorer and headless output split them, normalized with the
/// default keys. Every field of every record must match.
@Suite struct FormatCorpusTests {
  static let corpora: [String: [DocumentedRecord]] = [
    "gelf": FormatCorpus.gelf, "log4j2": FormatCorpus.log4j2, "logstash": FormatCorpus.logstash,
    "winston": FormatCorpus.winston, "nginx-json": FormatCorpus.nginx, "gcp": FormatCorpus.gcp,
    "otel": FormatCorpus.otel, "kubectl": FormatCorpus.kubectl, "stern": FormatCorpus.stern,
    "cri": FormatCorpus.cri, "compose": FormatCorpus.compose, "fluentd": FormatCorpus.fluentd,
    "fluentbit": FormatCorpus.fluentBit, "es-hits": FormatCorpus.searchHits,
    "journalctl": FormatCorpus.journalctl, "logfmt": FormatCorpus.logfmt,
    "access": FormatCorpus.accessLog, "powertools": FormatCorpus.powertools,
  ]

  @Test(arguments: corpora.keys.sorted())
  func recordsNormalizeAsDocumented(_ name: String) throws {
    let expected = try #require(Self.corpora[name])
    let path = RepoRoot.fixture("formats/\(name).log")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let normalizer = Normalizer()
    var index = 0
    var wrong: [String] = []
    bytes.withUnsafeBytes { buffer in
      RecordSplitter.forEachRecord(in: buffer) { span in
        defer { index += 1 }
        guard index < expected.count else { return }
        let record = UnsafeRawBufferPointer(rebasing: buffer[span.start..<span.end])
        normalizer.withRecord(record, firstLineLength: span.firstLineLength) { view in
          wrong += Self.differences(view, expected[index], line: span.firstLine + 1)
        }
      }
    }
    #expect(index == expected.count, "\(name): \(index) records, \(expected.count) documented")
    #expect(wrong.isEmpty, "\(name):\n\(wrong.joined(separator: "\n"))")
  }

  /// Each field that differs, as "line N field: actual != expected".
  static func differences(_ view: RecordView, _ expected: DocumentedRecord, line: Int) -> [String] {
    let actual = DocumentedRecord(
      view.timestamp.map(TimestampFormatter.rfc3339Millis), view.level,
      view.string(of: .message), request: view.string(of: .requestId),
      service: view.string(of: .service))
    var out: [String] = []
    func check<T: Equatable>(_ field: String, _ got: T?, _ want: T?) {
      if got != want {
        out.append(
          "line \(line) \(field): \(String(describing: got)) != \(String(describing: want))")
      }
    }
    check("timestamp", actual.timestamp, expected.timestamp)
    check("level", actual.level, expected.level)
    check("message", actual.message, expected.message)
    check("request", actual.requestId, expected.requestId)
    check("service", actual.service, expected.service)
    return out
  }
}
