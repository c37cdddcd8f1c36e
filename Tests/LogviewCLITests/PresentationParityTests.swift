import Foundation
import LogviewCore
import LogviewStore
import LogviewTestSupport
import LogviewUI
import Testing

/// Headless pretty lines and explorer rows show a record's message and fields the same way
/// (one RecordPresenter): nested objects as dotted keys, values quoted only when needed,
/// control characters escaped. Rows used to show `http={"method":"POST"}` where pretty
/// output showed `http.method=POST`.
@Suite struct PresentationParityTests {
  static let fixtures =
    [
      "pino", "bunyan", "zap", "logrus", "structlog", "python-json-logger", "ecs", "otel",
      "serilog-clef", "gcp", "journald", "docker", "loguru", "gelf", "log4j2", "logstash",
      "winston", "nginx-json",
    ].map { "formats/\($0).log" } + ["incident/checkout-api.log", "mixed/mixed.log"]

  @Test(arguments: fixtures)
  func rowsAndPrettyLinesAgree(_ fixture: String) throws {
    let pretty = RunHarness.run(["--color", "never", RepoRoot.fixture(fixture)])
    #expect(pretty.status == 0)
    let lines = pretty.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
    let log = LiveLog(options: NormalizerOptions(), sources: [fixture])
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: RepoRoot.fixture(fixture))))
    bytes.withUnsafeBytes { _ = log.append($0, source: 0) }
    let data = ViewData(
      log: log, options: NormalizerOptions(),
      snapshot: FilteredSnapshot(
        matches: Array(0..<log.count), scanned: log.count, total: log.count,
        complete: true, generation: 1))
    let formatter = RowFormatter(palette: Palette(colors: false), zone: .utc)
    var line = 0
    var compared = 0
    for index in 0..<log.count {
      let (row, continuations, isJSON) = data.withRecord(logIndex: index) { record in
        var count = 0
        RecordPresenter.forEachContinuationLine(of: record) { _ in count += 1 }
        return (formatter.row(record), count, record.isJSON)
      }
      defer { line += 1 + continuations }
      guard isJSON, line < lines.count else { continue }
      // Message and fields: every row segment after the time, level and service columns.
      let tail = row.segments.dropFirst(5).map(\.text).joined()
      #expect(lines[line].hasSuffix(tail), "row: \(tail)\npretty: \(lines[line])")
      compared += 1
    }
    #expect(compared > 0)
  }
}
