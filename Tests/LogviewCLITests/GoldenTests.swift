import Foundation
import LogviewTestSupport
import Testing

/// Headless output over Fixtures compared with committed expectations in Golden/.
/// After an intended change: RECORD_SNAPSHOTS=1 swift test --filter GoldenTests, review the
/// diff, run again without it.
@Suite struct GoldenTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    var status: Int32 = 0
    var testDescription: String { name }
  }

  static let incident = [
    "incident/checkout-api.log", "incident/payment-service.log", "incident/inventory.log",
    "incident/email-worker.log",
  ]
  static let formats = [
    "pino", "bunyan", "zap", "logrus", "structlog", "python-json-logger", "ecs", "otel",
    "serilog-clef", "gcp", "journald", "docker", "loguru", "gelf", "log4j2", "logstash",
    "winston", "nginx-json", "stacktraces", "kubectl", "stern", "cri", "compose", "fluentd",
    "fluentbit", "es-hits", "journalctl", "logfmt", "access", "powertools",
  ]

  static let cases: [Case] =
    [
      Case(
        name: "incident-errors-pretty",
        arguments: ["-q", "level>=error", "--color", "never"] + incident),
      Case(
        name: "incident-request-7f42",
        arguments: ["--request", "req_7f42a9c1", "--color", "never"] + incident),
      Case(
        name: "incident-request-healthy-normalized",
        arguments: ["--request", "req_00c0ffee", "-o", "normalized"] + incident),
      Case(
        name: "incident-merged-warn-normalized",
        arguments: ["-q", "level>=warn", "-o", "normalized"] + incident),
      Case(
        name: "incident-timeouts-count",
        arguments: ["--count", "-q", "payment.provider.timeout"] + incident),
      Case(
        name: "incident-payment-window",
        arguments: [
          "-q", "durationMs>2000", "--color", "never", "--since", "2024-03-15T10:11:00Z", "--until",
          "2024-03-15T10:18:00Z", "incident/payment-service.log",
        ]),
      Case(
        name: "incident-report-histogram",
        arguments: ["--report", "histogram", "--color", "always"] + incident),
      Case(
        name: "incident-report-histogram-mono",
        arguments: ["--report", "histogram", "--color", "never", "--tz", "Europe/Paris"] + incident),
      Case(
        name: "incident-report-histogram-json",
        arguments: ["--report", "histogram", "--bucket", "5m", "-o", "json"] + incident),
      Case(
        name: "incident-report-latency",
        arguments: ["--report", "latency", "--color", "never"] + incident),
      Case(
        name: "incident-report-latency-json",
        arguments: ["--report", "latency", "-o", "json"] + incident),
      Case(
        name: "incident-report-lint",
        arguments: ["--report", "lint", "--color", "never", "--tz", "UTC"] + incident),
      Case(
        name: "incident-report-lint-json",
        arguments: ["--report", "lint", "-o", "json", "--tz", "UTC"] + incident),
      Case(
        name: "incident-report-patterns",
        arguments: ["--report", "patterns", "--top", "0", "--tz", "UTC", "--color", "never"]
          + incident),
      Case(
        name: "incident-report-patterns-errors",
        arguments: ["--report", "patterns", "--errors-first", "--top", "6", "--color", "always"]
          + incident),
      Case(
        name: "incident-report-patterns-json",
        arguments: ["--report", "patterns", "-o", "json", "--tz", "UTC"] + incident),
      Case(name: "mixed-normalized", arguments: ["-o", "normalized", "mixed/mixed.log"]),
      Case(name: "mixed-pretty", arguments: ["--color", "never", "mixed/mixed.log"]),
      Case(name: "bom-crlf-normalized", arguments: ["-o", "normalized", "mixed/bom-crlf.log"]),
      Case(
        name: "nothing-matches",
        arguments: ["-q", "level=fatal and service=nobody", "incident/inventory.log"], status: 1),
    ]
    + formats.map {
      Case(name: "format-\($0)-normalized", arguments: ["-o", "normalized", "formats/\($0).log"])
    }
    + formats.map {
      Case(name: "format-\($0)-pretty", arguments: ["--color", "never", "formats/\($0).log"])
    }

  @Test(arguments: cases)
  func matchesGolden(_ golden: Case) throws {
    let arguments = golden.arguments.map { $0.hasSuffix(".log") ? RepoRoot.fixture($0) : $0 }
    let outcome = RunHarness.run(arguments)
    #expect(outcome.status == golden.status, "stderr: \(outcome.stderr)")
    let prefix = RepoRoot.url.appendingPathComponent("Fixtures").path + "/"
    let actual = outcome.stdoutText.replacingOccurrences(of: prefix, with: "")
    Snapshot.expect(actual, matches: "Tests/LogviewCLITests/Golden/\(golden.name).out")
  }

  @Test func rawOutputIsTheInputByteForByte() throws {
    let path = RepoRoot.fixture("mixed/mixed.log")
    let outcome = RunHarness.run(["-o", "raw", path])
    // The truncated last line stays without its newline: nothing changes.
    let input = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(outcome.status == 0)
    #expect(outcome.stdout == input)
  }
}
