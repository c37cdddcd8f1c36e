import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewCore

/// Each `Fixtures/formats/NAME.expected` lists, for the records of NAME.log, the timestamp,
/// level, message, request ID and service a reader of that format's documentation expects.
/// Records are split and normalized as every front end does (RecordSplitter, Normalizer).
@Suite struct RecognitionCorpusTests {
  static var corpora: [String] {
    let directory = RepoRoot.fixture("formats")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(9)) }.sorted()
  }

  @Test(arguments: corpora)
  func everyValueIsRight(_ name: String) throws {
    let expected = try Self.expectedRows(name)
    let actual = Self.normalizedRows(name)
    #expect(actual.count == expected.count, "\(name): record count")
    var right = 0
    var total = 0
    for (want, got) in zip(expected, actual) {
      for (column, (w, g)) in zip(Self.columns, zip(want, got)) {
        total += 1
        if w == g {
          right += 1
        } else {
          Issue.record("\(name).log line \(want[0]) \(column): expected \(w), got \(g)")
        }
      }
    }
    #expect(right == total, "\(name): \(right) of \(total) values right")
  }

  static let columns = ["line", "timestamp", "level", "message", "request", "service"]

  static func expectedRows(_ name: String) throws -> [[String]] {
    let text = try String(
      contentsOfFile: RepoRoot.fixture("formats/\(name).expected"), encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
  }

  static func normalizedRows(_ name: String) -> [[String]] {
    let bytes = Array(
      FileManager.default.contents(atPath: RepoRoot.fixture("formats/\(name).log")) ?? Data())
    let normalizer = Normalizer(options: NormalizerOptions(currentYear: 2024))
    var rows: [[String]] = []
    bytes.withUnsafeBytes { buffer in
      RecordSplitter.forEachRecord(in: buffer) { span in
        let text = UnsafeRawBufferPointer(rebasing: buffer[span.start..<span.end])
        normalizer.withRecord(text, firstLineLength: span.firstLineLength) { record in
          var time: [UInt8] = []
          if let t = record.timestamp { TimestampFormatter.appendRFC3339Millis(t, to: &time) }
          rows.append([
            String(span.firstLine + 1), time.isEmpty ? "-" : String(decoding: time, as: UTF8.self),
            record.level?.name ?? "-", record.string(of: .message) ?? "-",
            record.string(of: .requestId) ?? "-", record.string(of: .service) ?? "-",
          ])
        }
      }
    }
    return rows
  }
}
