import LogviewCore
import LogviewQuery
import LogviewStore

@testable import LogviewUI

/// Small logs with chosen times for the histogram and time-jump tests.
enum TimeTestData {
  /// Three days, one record without a time; the newest record is 2024-03-16 11:00:00 UTC.
  static let acrossDays = [
    #"{"ts":"2024-03-14T23:59:58Z","level":"info","msg":"a"}"#,
    #"{"ts":"2024-03-15T00:00:01Z","level":"warn","msg":"b"}"#,
    #"{"ts":"2024-03-16T00:00:01Z","level":"error","msg":"c"}"#,
    #"{"ts":"2024-03-16T10:42:00Z","level":"info","msg":"d"}"#,
    #"{"ts":"2024-03-16T10:42:07.500Z","level":"info","msg":"e"}"#,
    #"{"level":"info","msg":"untimed"}"#,
    #"{"ts":"2024-03-16T11:00:00Z","level":"info","msg":"f"}"#,
  ]

  static func log(_ lines: [String]) -> LiveLog {
    let log = LiveLog(options: NormalizerOptions(), sources: ["test.log"])
    append(lines, to: log)
    return log
  }

  static func append(_ lines: [String], to log: LiveLog) {
    let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
    bytes.withUnsafeBytes { _ = log.append($0, source: 0) }
  }

  /// Every record, or those `filter` keeps (one snapshot generation per filter text).
  static func snapshot(_ log: LiveLog, filter: String = "", generation: Int = 1) throws
    -> FilteredSnapshot
  {
    let compiled = try Query.parse(filter).compile(now: 0, zone: .utc)
    let normalizer = Normalizer()
    let matches = (0..<log.count).filter { index in
      log.withText(at: index) { bytes, first in
        normalizer.withRecord(bytes, firstLineLength: first) { compiled.matches($0) }
      }
    }
    return FilteredSnapshot(
      matches: matches, scanned: log.count, total: log.count, complete: true,
      generation: generation)
  }

  static func data(_ lines: [String] = acrossDays, filter: String = "") throws -> ViewData {
    let log = log(lines)
    return ViewData(
      log: log, options: NormalizerOptions(), snapshot: try snapshot(log, filter: filter))
  }

  /// `count` records a second apart from 2024-03-15 10:00:00 UTC, every tenth an error.
  static func steady(_ count: Int, from first: Int = 0) -> [String] {
    (first..<(first + count)).map { i in
      let seconds = 36_000 + i
      let clock = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
      let level = i % 10 == 9 ? "error" : "info"
      return #"{"ts":"2024-03-15T\#(clock)Z","level":"\#(level)","msg":"n\#(i)"}"#
    }
  }

  private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
