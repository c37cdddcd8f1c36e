import Foundation
import LogviewTestSupport
import Testing

/// journal:// sources through the whole command line, against the real
/// systemd-journal-gatewayd. RunHarness pins now at 2024-03-15T12:00:00Z.
@Suite struct JournalEndToEndTests {
  static let noonMicros: Int64 = 1_710_504_000_000_000

  /// `count` entries a second apart ending a minute before noon.
  static func entries(_ count: Int, from first: Int = 0) -> [[String: String]] {
    (first..<(first + count)).map { i in
      let unit = i % 2 == 0 ? "checkout.service" : "payment.service"
      let message =
        i % 4 == 0
        ? "plain message \(i) timeout"
        : #"{"level":"\#(i % 5 == 0 ? "error" : "info")","msg":"request \#(i)","requestId":"req_\#(i % 3)"}"#
      return [
        "__REALTIME_TIMESTAMP": String(noonMicros - 60_000_000 - Int64(count - i) * 1_000_000),
        "MESSAGE": message, "PRIORITY": i % 5 == 0 ? "3" : "6", "_SYSTEMD_UNIT": unit,
        "SYSLOG_IDENTIFIER": String(unit.split(separator: ".")[0]), "N": String(i),
      ]
    }
  }

  static func numbers(_ text: String) -> [Int] {
    text.split(separator: "\n").compactMap { line in
      guard let range = line.firstRange(of: #""N":""#) else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
  }

  @Test func pagesThroughTheWindowOnce() throws {
    let gateway = try JournalTestGateway(entries: Self.entries(2500))
    let run = RunHarness.run(["-o", "raw", "--since", "2h", "journal://\(gateway.address)"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.numbers(run.stdoutText) == Array(0..<2500))
  }

  @Test func theWindowIsTheLastHourUnlessSinceSaysOtherwise() throws {
    // 100 entries a minute apart: 11:59 back to 10:20.
    let entries = (0..<100).map { i in
      [
        "__REALTIME_TIMESTAMP": String(Self.noonMicros - Int64(100 - i) * 60_000_000),
        "MESSAGE": "minute \(i)", "N": String(i),
      ]
    }
    let gateway = try JournalTestGateway(entries: entries)
    let address = "journal://\(gateway.address)"
    #expect(RunHarness.run(["--count", address]).stdoutText == "60\n")
    #expect(RunHarness.run(["--count", "--since", "3h", address]).stdoutText == "100\n")
    #expect(
      RunHarness.run(["--count", "--since", "30m", "--until", "10m", address]).stdoutText
        == "20\n")
  }

  static let filters = [
    "_SYSTEMD_UNIT=payment.service", "level>=error", "timeout",
    "_SYSTEMD_UNIT=payment.service _SYSTEMD_UNIT=checkout.service", "requestId=req_1",
    "_SYSTEMD_UNIT=checkout.service not timeout",
    "_SYSTEMD_UNIT in (payment.service, nothing.service) level>=error",
  ]

  @Test(arguments: filters)
  func pushDownGivesWhatAFileGives(_ filter: String) throws {
    let gateway = try JournalTestGateway(entries: Self.entries(200))
    let address = "journal://\(gateway.address)"
    let all = RunHarness.run(["-o", "raw", address])
    let directory = TempDirectory()
    let file = directory.file("journal.jsonl")
    try all.stdoutText.write(toFile: file, atomically: true, encoding: .utf8)
    let fromStore = RunHarness.run(["--count", "-q", filter, address])
    let fromFile = RunHarness.run(["--count", "-q", filter, file])
    #expect(fromStore.stderr == "")
    #expect(fromStore.stdoutText == fromFile.stdoutText)
  }

  @Test func addressMatchesAndFilterTermsAreSent() throws {
    let gateway = try JournalTestGateway(entries: Self.entries(20))
    let run = RunHarness.run([
      "--explain", "-q", "_SYSTEMD_UNIT=payment.service level>=error",
      "journal://\(gateway.address)?SYSLOG_IDENTIFIER=payment",
    ])
    #expect(
      run.stdoutText.contains(
        "GET /entries?SYSLOG_IDENTIFIER=payment&_SYSTEMD_UNIT=payment.service"),
      "\(run.stdoutText)")
    let count = RunHarness.run([
      "--count", "-q", "level>=error", "journal://\(gateway.address)?_SYSTEMD_UNIT=payment.service",
    ])
    #expect(count.stdoutText == "2\n", "\(count.stderr)")
  }

  /// A window that ends in its third page (the newest 200 entries are after now), then
  /// followed: the follow goes on from the last entry shown.
  @Test func followAfterAWindowCutShortRepeatsNothing() throws {
    let entries = (0..<2500).map { i in
      [
        "__REALTIME_TIMESTAMP": String(Self.noonMicros + Int64(i - 2300) * 1_000_000),
        "MESSAGE": "entry \(i)", "N": String(i),
      ]
    }
    let gateway = try JournalTestGateway(entries: entries)
    let child = try BinaryHarness([
      "-f", "-o", "raw", "--since", "2h", "journal://\(gateway.address)",
    ])
    defer { child.stop() }
    #expect(child.waitFor(seconds: 20) { Self.numbers($0).last == 2499 })
    Thread.sleep(forTimeInterval: 0.5)
    #expect(Self.numbers(child.outputText) == Array(0..<2500))
  }

  @Test func followShowsNewEntriesOnce() throws {
    let gateway = try JournalTestGateway(entries: Self.entries(10))
    let child = try BinaryHarness(["-f", "-o", "raw", "journal://\(gateway.address)"])
    defer { child.stop() }
    #expect(child.waitFor { Self.numbers($0).count == 10 })
    try gateway.add(Self.entries(5, from: 10))
    #expect(child.waitFor(seconds: 15) { Self.numbers($0).count >= 15 })
    Thread.sleep(forTimeInterval: 0.5)
    #expect(Self.numbers(child.outputText) == Array(0..<15))
  }
}
