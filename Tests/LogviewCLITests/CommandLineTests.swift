import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewCLI

/// Usage errors: exit status 2 and one clear line on stderr; never a crash.
@Suite struct CommandLineTests {
  static let payment = RepoRoot.fixture("incident/payment-service.log")

  static let usageErrors: [([String], String)] = [
    (["--bogus", payment], "Unknown option '--bogus'"),
    (["-q", "level>=", payment], "column 8"),
    (["-q", "level=errro", payment], "unknown level"),
    (["-q", "(service=a", payment], "column"),
    (["-q", "/unclosed", payment], "column 1"),
    (["--since", "yesterday-ish", payment], "bad --since 'yesterday-ish'"),
    (["--tz", "Mars/Olympus", payment], "bad --tz 'Mars/Olympus'"),
    (["--output", "xml", payment], "bad --output 'xml'"),
    (["--color", "sometimes", payment], "bad --color"),
    (["--key", "colour=c", payment], "bad --key 'colour=c'"),
    (["/nonexistent/app.log"], "cannot open /nonexistent/app.log: no such file or directory"),
    (["/tmp"], "/tmp is a directory"),
    ([], "no input"),
    (["--config", "/nonexistent/config", payment], "cannot read the configuration file"),
    (["--max-memory", "lots", payment], "bad --max-memory 'lots'"),
    (["--max-memory", "16M", payment], "at least 48M"),
    (["--keep-last", "0", payment], "bad --keep-last '0'"),
    (["/nonexistent/*.log"], "no file matches /nonexistent/*.log"),
    (["--keep-last=-5", payment], "bad --keep-last '-5'"),
    (["--keep-last", "many", payment], "bad --keep-last 'many'"),
    (
      ["--since", "2024-03-15T11:00:00Z", "--until", "2024-03-15T10:00:00Z", payment],
      "is not before --until",
    ),
    (["--since", "10:00", "--until", "10:00", payment], "the window is empty"),
  ]

  /// The completion scripts the README and man page tell users to install.
  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptsAreGenerated(_ shell: String) {
    let outcome = RunHarness.run(["--generate-completion-script", shell])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdoutText.contains("max-memory"))
  }

  /// A filter may start with '-': it is the option's value, not another option.
  @Test func queryMayStartWithADash() {
    let outcome = RunHarness.run(["--count", "-q", "-timeout", Self.payment])
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stdoutText == "0\n")
  }

  /// A bad value in the configuration file names the file and its line, not an option the
  /// user never typed; the command line's value overrides a bad one in the file.
  @Test(arguments: [
    ("tz = Mars", "bad tz 'Mars'"), ("color = sometimes", "bad color 'sometimes'"),
    ("output = xml", "bad output 'xml'"), ("max-memory = lots", "bad max-memory 'lots'"),
    ("keep-last = 0", "bad keep-last '0'"),
  ])
  func configValueErrorsNameFileAndLine(_ line: String, _ problem: String) throws {
    let dir = TempDirectory()
    let config = dir.path + "/config"
    try "# defaults\n\(line)\n".write(toFile: config, atomically: true, encoding: .utf8)
    let outcome = RunHarness.run(["--config", config, Self.payment])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.hasPrefix("logview: \(config):2: \(problem)"), "\(outcome.stderr)")
    let name = String(line.prefix { $0 != " " })
    let value = [
      "tz": "UTC", "color": "never", "output": "raw", "max-memory": "1G", "keep-last": "10",
    ]
    let overridden = RunHarness.run([
      "--config", config, "--\(name)", value[name]!, "--count", Self.payment,
    ])
    #expect(overridden.status == 0, "\(overridden.stderr)")
  }

  @Test(arguments: usageErrors)
  func usageErrorsExitTwoWithOneLine(_ arguments: [String], _ fragment: String) {
    let outcome = RunHarness.run(arguments)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains(fragment), "stderr was: \(outcome.stderr)")
    #expect(outcome.stderr.hasPrefix("logview: "))
    #expect(outcome.stderr.filter { $0 == "\n" }.count == 1)
    #expect(outcome.stdout.isEmpty)
  }

  @Test func helpAndVersionSucceed() {
    let help = RunHarness.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdoutText.contains("--request"))
    let version = RunHarness.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdoutText.hasPrefix(LogviewVersion.current))
  }

  @Test func countAndExitStatus() {
    let some = RunHarness.run(["--count", "-q", "level>=error", Self.payment])
    #expect(some.status == 0)
    #expect(some.stdoutText == "26\n")
    let none = RunHarness.run(["--count", "-q", "service=nobody", Self.payment])
    #expect(none.status == 1)
    #expect(none.stdoutText == "0\n")
  }

  /// A count reads only levels, yet a level inside a journald MESSAGE still counts (it did
  /// not: the envelope went unseen when the message key was not asked for).
  @Test func countSeesLevelsInsideEnvelopes() throws {
    let path = NSTemporaryDirectory() + "logview-journald-\(UUID().uuidString).log"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try
      #"{"__REALTIME_TIMESTAMP":"1710496800000000","PRIORITY":"6","MESSAGE":"{\"level\":\"error\",\"msg\":\"inner\"}","SYSLOG_IDENTIFIER":"app"}"#
      .write(toFile: path, atomically: true, encoding: .utf8)
    #expect(RunHarness.run(["--count", "-q", "level>=error", path]).stdoutText == "1\n")
    #expect(RunHarness.run(["--count", "-q", "level=info", path]).stdoutText == "0\n")
  }

  /// A regex that stops at PCRE2's step limit, and that RE2 cannot take (a lookahead),
  /// counts as no match, and stderr says how often, once (nothing said it: the records
  /// silently went missing from the output).
  @Test(arguments: [("/(?=a)(a+)+$/", "0"), ("msg=~/(?=a)(a+)+$/ or level=error", "1")])
  func regexLimitIsSaidOnce(_ query: String, _ count: String) throws {
    let path = NSTemporaryDirectory() + "logview-regex-\(UUID().uuidString).log"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let costly = "{\"msg\":\"" + String(repeating: "a", count: 40) + "!\"}\n"
    try (String(repeating: costly, count: 3) + "{\"msg\":\"aaa\"}\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let outcome = RunHarness.run(["--count", "-q", query, path])
    #expect(outcome.stdoutText == count + "\n")
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.contains("regex too costly on 3 records") == true, "\(outcome.stderr)")
  }

  @Test func colorFollowsTheOptionAndNoColor() {
    let args = ["-q", "level=error", Self.payment]
    #expect(RunHarness.run(["--color", "always"] + args).stdoutText.contains("\u{1B}["))
    #expect(!RunHarness.run(["--color", "never"] + args).stdoutText.contains("\u{1B}["))
    // auto: stdout is not a terminal here.
    #expect(!RunHarness.run(args).stdoutText.contains("\u{1B}["))
  }

  @Test func configFileSetsDefaultsAndFlagsOverride() throws {
    let dir = NSTemporaryDirectory() + "logview-config-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: dir + "/logview", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try """
    # team defaults
    output = normalized
    tz = +01:00
    level-keys = sev
    """.write(toFile: dir + "/logview/config", atomically: true, encoding: .utf8)
    let log = dir + "/app.log"
    try #"{"sev":"error","msg":"x","time":"2024-03-15T10:00:00Z"}"#.write(
      toFile: log, atomically: true, encoding: .utf8)
    let fromConfig = RunHarness.run([log], environment: ["XDG_CONFIG_HOME": dir])
    #expect(fromConfig.stdoutText.contains(#""level":"error""#))
    let overridden = RunHarness.run(
      ["-o", "pretty", "--color", "never", log], environment: ["XDG_CONFIG_HOME": dir])
    #expect(overridden.stdoutText.hasPrefix("2024-03-15 11:00:00.000 ERROR x"))
  }

  @Test(arguments: [
    ("tz = UTC\n# comment\n\ncolor=never", true),
    ("tz UTC", false),
    ("colour = never", false),
  ])
  func configParsing(_ text: String, _ valid: Bool) {
    let parsed = try? ConfigFile.parse(text, path: "cfg")
    #expect((parsed != nil) == valid)
  }

  @Test(arguments: [
    ("512M", 512 << 20), ("2G", 2 << 30), ("100k", 100 << 10), ("1048576", 1_048_576),
    ("1GB", 1 << 30),
  ])
  func sizesParse(_ text: String, _ bytes: Int) {
    #expect(RunSettings.parseSize(text) == bytes)
  }

  @Test(arguments: ["", "G", "-1M", "12X", "99999999999999999999G"])
  func badSizesAreRejected(_ text: String) {
    #expect(RunSettings.parseSize(text) == nil)
  }

  @Test(arguments: [("500000", 500_000), ("500k", 500_000), ("2M", 2_000_000), ("1", 1)])
  func countsParse(_ text: String, _ count: Int) {
    #expect(RunSettings.parseCount(text) == count)
  }

  @Test(arguments: ["", "M", "-1", "1.5M", "12X", "99999999999999999999G"])
  func badCountsAreRejected(_ text: String) {
    #expect(RunSettings.parseCount(text) == nil)
  }

  @Test func quotedGlobsExpandInNameOrder() throws {
    let incident = RepoRoot.fixture("incident")
    let expanded = try PathPatterns.expand([
      incident + "/*-*.log", "-", incident + "/inventory.log",
    ])
    #expect(
      expanded == [
        incident + "/checkout-api.log", incident + "/email-worker.log",
        incident + "/payment-service.log", "-", incident + "/inventory.log",
      ])
  }
}
