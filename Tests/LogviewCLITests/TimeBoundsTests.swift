import LogviewCore
import LogviewQuery
import Testing

@testable import LogviewCLI

/// --since and --until bound the whole query, in the explorer (where they join the filter
/// text) as in headless output. The explorer's text once read `a or b since:X`, which the
/// query language reads as `a or (b and since:X)`.
@Suite struct TimeBoundsTests {
  static let old = #"{"ts":"2001-01-01T00:00:00Z","level":"error","msg":"old"}"#
  static let recent = #"{"ts":"2030-01-01T00:00:00Z","level":"warn","msg":"recent"}"#

  static let cases: [([String], [Bool])] = [
    (["-q", "level=error or level=warn", "--since", "2020-01-01"], [false, true]),
    (["-q", "level=warn or level=error", "--until", "2020-01-01"], [true, false]),
    (["--since", "2020-01-01", "--until", "2040-01-01"], [false, true]),
    (["-q", "level=error or level=warn", "--since", "2020-01-01 12:34:56"], [false, true]),
    (["-q", "level=error or level=warn"], [true, true]),
  ]

  @Test(arguments: cases)
  func boundsApplyToTheWholeQuery(_ arguments: [String], _ expected: [Bool]) throws {
    let command = try LogviewCommand.parse(arguments + ["app.log"])
    let settings = try RunSettings.resolve(
      command, environment: [:], stdinIsTerminal: false, stdoutIsTerminal: true, now: 0)
    let explorer = try Query.parse(settings.interactiveFilter).compile(now: 0, zone: .utc)
    let normalizer = Normalizer()
    for (line, passes) in zip([Self.old, Self.recent], expected) {
      Array(line.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes) { record in
          #expect(settings.matcher.matches(record) == passes, "headless: \(line)")
          #expect(explorer.matches(record) == passes, "explorer: \(settings.interactiveFilter)")
        }
      }
    }
  }
}
