import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewCLI

/// The explorer's row choices kept in the configuration file (issue 12, tool 14):
/// `wrap = on` and `hide-fields = pid, hostname`; a bad value names the file and line.
@Suite struct RowConfigTests {
  static let payment = RepoRoot.fixture("incident/payment-service.log")

  static func settings(_ config: String) throws -> RunSettings {
    let dir = TempDirectory()
    let path = dir.path + "/config"
    try config.write(toFile: path, atomically: true, encoding: .utf8)
    let command = try LogviewCommand.parse(["--config", path, payment])
    return try RunSettings.resolve(
      command, environment: [:], stdinIsTerminal: true, stdoutIsTerminal: true, now: 0)
  }

  @Test(arguments: [
    ("", false, [String]()),
    ("wrap = on\nhide-fields = pid, hostname", true, ["pid", "hostname"]),
    ("wrap = off\nhide-fields = error.code,", false, ["error.code"]),
    ("wrap = yes", true, []),
  ])
  func rowChoicesAreRead(_ text: String, _ wrap: Bool, _ hidden: [String]) throws {
    let settings = try Self.settings(text)
    #expect(settings.wrapRows == wrap)
    #expect(settings.hiddenFields == hidden)
  }

  /// LOGVIEW_NOW pins the explorer's wall clock too ("today" for dates), not only headless
  /// output's relative times.
  @Test func logviewNowPinsTheExplorersClock() throws {
    let command = try LogviewCommand.parse([Self.payment])
    let resolve = { (environment: [String: String]) in
      try RunSettings.resolve(
        command, environment: environment, stdinIsTerminal: true, stdoutIsTerminal: true,
        now: 42)
    }
    #expect(try resolve(["LOGVIEW_NOW": "2024-03-15T12:00:00Z"]).pinnedNow == 42)
    #expect(try resolve([:]).pinnedNow == nil)
  }

  @Test func aBadWrapValueNamesTheFileAndLine() throws {
    let dir = TempDirectory()
    let config = dir.path + "/config"
    try "hide-fields = pid\nwrap = sometimes\n".write(
      toFile: config, atomically: true, encoding: .utf8)
    let outcome = RunHarness.run(["--config", config, Self.payment])
    #expect(outcome.status == 2)
    #expect(
      outcome.stderr.hasPrefix("logview: \(config):2: bad wrap 'sometimes': expected on or off"),
      "\(outcome.stderr)")
  }
}
