import Foundation
import LogviewTestSupport
import Testing

/// Loki sources through the whole command line, against Tests/Servers/loki_server.py.
/// RunHarness pins now at 2024-03-15T12:00:00Z: a store reads 11:00-12:00 by default.
@Suite struct StoreEndToEndTests {
  static let noon: Int64 = 1_710_504_000_000_000_000
  static let second: Int64 = 1_000_000_000

  /// `count` JSON lines a second apart ending just before noon, `{"n":i,...}`.
  static func lines(_ count: Int, app: String, step: Int64 = second) -> [(Int64, String)] {
    (0..<count).map { i in
      let level = ["info", "warn", "error", "info"][i % 4]
      let text = i % 5 == 0 ? "payment timed out" : "request served"
      return (
        noon - Int64(count - i) * step,
        #"{"n":\#(i),"app_line":"\#(app)","level":"\#(level)","msg":"\#(text) \#(i)"}"#
      )
    }
  }

  @Test func pagesPastTheServersLimitLosingAndRepeatingNothing() throws {
    // 700 lines, 250 of them at one instant across five streams (more than one answer
    // holds), from a server that allows 100 entries a query.
    var a = Self.lines(450, app: "a", step: Self.second / 1000)
    let instant = Self.noon - 100 * Self.second
    a.append(contentsOf: (0..<5).map { (instant, #"{"n":\#(2000 + $0),"msg":"a at instant"}"#) })
    a.sort { $0.0 < $1.0 }
    var streams = [LokiTestServer.Stream(labels: ["app": "a"], values: a)]
    for s in 0..<5 {
      let values = (0..<49).map { (instant, #"{"n":\#(1000 + s * 100 + $0),"msg":"same"}"#) }
      streams.append(.init(labels: ["app": "b", "pod": "p\(s)"], values: values))
    }
    let server = try LokiTestServer(streams: streams, maxEntries: 100)
    let run = RunHarness.run(["-o", "raw", "loki://\(server.address)?selector={app=~\"a|b\"}"])
    #expect(run.status == 0, "\(run.stderr)")
    let numbers = run.stdoutText.split(separator: "\n").compactMap { line -> Int? in
      guard let range = line.firstRange(of: #""n":"#) else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
    #expect(numbers.count == 700)
    #expect(Set(numbers).count == 700)
  }

  /// 12,000 entries over two streams, pairs sharing an instant: past Loki's default limit of
  /// 5,000 a query, each entry once.
  @Test(arguments: LokiTarget.kinds)
  func pagesThroughManyEntriesOnce(_ kind: String) throws {
    let streams = (0..<2).map { s in
      LokiTestServer.Stream(
        labels: ["app": "p", "pod": "p\(s)"],
        values: (0..<6_000).map { i in
          (Self.noon - Int64(6_000 - i) * Self.second / 10, #"{"n":\#(i * 2 + s)}"#)
        })
    }
    let target = try LokiTarget(kind, streams: streams)
    let run = RunHarness.run(
      ["-o", "raw", target.source(#"app="p""#)], environment: target.environment)
    #expect(run.status == 0, "\(run.stderr)")
    let numbers = run.stdoutText.split(separator: "\n").compactMap { line -> Int? in
      guard let range = line.firstRange(of: #""n":"#) else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
    #expect(numbers.count == 12_000 && numbers.sorted() == Array(0..<12_000))
  }

  /// Filters whose records must be the same from Loki as from a file of the same lines.
  static let filters = [
    "timeout", "Timed", "level>=warn", "level=error timeout", "not timeout", "/timed? out/",
    "msg~served", "n>100 n<=120", "\"timed out 1\"", "timeout or level=warn",
  ]

  @Test(arguments: filters, LokiTarget.kinds)
  func pushDownGivesWhatAFileGives(_ filter: String, _ kind: String) throws {
    let lines = Self.lines(600, app: "c")
    let target = try LokiTarget(kind, streams: [.init(labels: ["app": "c"], values: lines)])
    let directory = TempDirectory()
    let file = directory.file("same.log")
    try lines.map { $0.1 + "\n" }.joined().write(toFile: file, atomically: true, encoding: .utf8)
    let fromStore = RunHarness.run(
      ["--count", "-q", filter, target.source(#"app="c""#)], environment: target.environment)
    let fromFile = RunHarness.run(["--count", "-q", filter, file])
    #expect(fromStore.stderr == "")
    #expect(fromStore.stdoutText == fromFile.stdoutText)
  }

  @Test(arguments: LokiTarget.kinds)
  func labelsAreFieldsAndLabelTermsMakeTheSelector(_ kind: String) throws {
    let target = try LokiTarget(
      kind,
      streams: [
        .init(labels: ["app": "a", "env": "prod"], values: Self.lines(10, app: "a")),
        .init(labels: ["app": "b", "env": "dev"], values: Self.lines(10, app: "b")),
      ])
    let run = RunHarness.run(
      ["-o", "raw", "-q", "env=dev", target.source(nil)], environment: target.environment)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdoutText.split(separator: "\n")
    #expect(lines.count == 10)
    #expect(lines.allSatisfy { $0.contains(#""app":"b""#) && $0.contains(#""env":"dev""#) })
    guard let server = target.server else { return }
    let queries = try server.requests().compactMap {
      ($0["params"] as? [String: String])?["query"]
    }
    #expect(queries.contains(#"{env="dev"}"#))
  }

  @Test(arguments: LokiTarget.kinds)
  func theWindowIsTheLastHourUnlessSinceSaysOtherwise(_ kind: String) throws {
    let old = (Self.noon - 2 * 3600 * Self.second, #"{"msg":"two hours ago"}"#)
    let recent = (Self.noon - 60 * Self.second, #"{"msg":"a minute ago"}"#)
    let target = try LokiTarget(
      kind, streams: [.init(labels: ["app": "a"], values: [old, recent])])
    let address = target.source(#"app="a""#)
    let count = { (arguments: [String]) in
      RunHarness.run(["--count"] + arguments + [address], environment: target.environment)
        .stdoutText
    }
    #expect(count([]) == "1\n")
    #expect(count(["--since", "3h"]) == "2\n")
    #expect(count(["--since", "3h", "--until", "90m"]) == "1\n")
  }

  @Test func mergesWithAFileByTime() throws {
    let server = try LokiTestServer(streams: [
      .init(labels: ["app": "a"], values: [(Self.noon - 30 * Self.second, #"{"msg":"store"}"#)])
    ])
    let directory = TempDirectory()
    let file = directory.file("app.log")
    try """
    {"timestamp":"2024-03-15T11:59:00Z","msg":"file before"}
    {"timestamp":"2024-03-15T11:59:50Z","msg":"file after"}

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let run = RunHarness.run([
      "-o", "raw", "loki://\(server.address)?selector={app=\"a\"}", file,
    ])
    let messages = run.stdoutText.split(separator: "\n").map {
      $0.contains("store") ? "store" : $0.contains("before") ? "before" : "after"
    }
    #expect(messages == ["before", "store", "after"], "\(run.stderr)")
  }

  /// --request is pushed down as a line filter, and gives the file's answer.
  @Test(arguments: LokiTarget.kinds)
  func requestIdReachesIntoTheStore(_ kind: String) throws {
    let lines = (0..<50).map { i in
      (Self.noon - Int64(50 - i) * Self.second, #"{"requestId":"req_\#(i % 7)","msg":"m\#(i)"}"#)
    }
    let target = try LokiTarget(kind, streams: [.init(labels: ["app": "a"], values: lines)])
    let run = RunHarness.run(
      ["-o", "raw", "--request", "req_3", target.source(#"app="a""#)],
      environment: target.environment)
    #expect(run.stdoutText.split(separator: "\n").count == 7, "\(run.stderr)")
    guard let server = target.server else { return }
    let queries = try server.requests().compactMap {
      ($0["params"] as? [String: String])?["query"]
    }
    #expect(queries.contains(#"{app="a"} |= "req_3""#), "\(queries)")
  }

  /// -f: history, then live lines through the websocket tail, across the server ending the
  /// tail every 300 ms; nothing lost or repeated.
  @Test func followTailsLiveAcrossReconnects() throws {
    let history = (0..<5).map { (Self.noon - 10 * Self.second + Int64($0), #"{"n":\#($0)}"#) }
    let live = (0..<30).map { i in
      (200 + 40 * i, 0, Self.noon - 5 * Self.second + Int64(i) * 1000, #"{"n":\#(100 + i)}"#)
    }
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "t"], values: history)], live: live,
      tailCloseMilliseconds: 300)
    let child = try BinaryHarness([
      "-f", "-o", "raw", "loki://\(server.address)?selector={app=\"t\"}",
    ])
    defer { child.stop() }
    #expect(child.waitFor(seconds: 20) { $0.contains(#""n":129"#) })
    Thread.sleep(forTimeInterval: 0.4)
    let numbers = child.outputText.split(separator: "\n").compactMap { line -> Int? in
      guard let range = line.firstRange(of: #""n":"#) else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
    #expect(numbers == Array(0..<5) + Array(100..<130))
    let tails = try server.requests().filter { ($0["path"] as? String) == "/loki/api/v1/tail" }
    #expect(tails.count >= 2)
  }

  @Test func serverErrorsAreRetried() throws {
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a"], values: Self.lines(20, app: "a"))],
      faults: ["500", "429", "503"])
    let run = RunHarness.run(["--count", "loki://\(server.address)?selector={app=\"a\"}"])
    #expect(run.stdoutText == "20\n", "\(run.stderr)")
  }

  /// faults, environment, a fragment of the one error line.
  static let failures: [([String], [String: String], String)] = [
    (["garbage"], [:], "sent an unexpected answer: not a Loki query answer"),
    (["truncated"], [:], "sent an unexpected answer"),
  ]

  @Test(arguments: failures)
  func badAnswersEndWithOneLine(
    _ faults: [String], _ environment: [String: String], _ fragment: String
  ) throws {
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a"], values: Self.lines(3, app: "a"))], faults: faults)
    let run = RunHarness.run(
      ["--count", "loki://\(server.address)?selector={app=\"a\"}"], environment: environment)
    #expect(run.status == 2)
    #expect(run.stderr.contains(fragment), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func credentialsAreSentAndNeverShown() throws {
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a"], values: Self.lines(3, app: "a"))],
      auth: "Bearer tok-123")
    let address = "loki://\(server.address)?selector={app=\"a\"}"
    let refused = RunHarness.run([
      "--count", "loki://bob:hunter2@\(server.address)?selector={app=\"a\"}",
    ])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("LOKI_BEARER_TOKEN"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("hunter2"))
    let allowed = RunHarness.run(
      ["--count", address], environment: ["LOKI_BEARER_TOKEN": "tok-123", "LOKI_ORG_ID": "team-a"])
    #expect(allowed.stdoutText == "3\n", "\(allowed.stderr)")
    let headers = try server.requests().compactMap { $0["headers"] as? [String: String] }
    #expect(headers.contains { $0["x-scope-orgid"] == "team-a" })
  }

  @Test func nothingListeningIsOneLineAtOnce() throws {
    let port = try LokiTestServer(streams: []).port  // stopped as soon as it is gone
    let started = ContinuousClock.now
    let run = RunHarness.run(["--count", "loki://127.0.0.1:\(port)?selector={app=\"a\"}"])
    #expect(run.status == 2)
    #expect(
      run.stderr == "logview: cannot reach loki://127.0.0.1:\(port): connection refused\n",
      "\(run.stderr)")
    #expect(ContinuousClock.now - started < .seconds(5))
  }

  @Test func anUnknownHostIsSaidPlainly() {
    let run = RunHarness.run(["--count", "journal://nonexistent.invalid:19531"])
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "logview: cannot reach journal://nonexistent.invalid:19531: unknown host nonexistent.invalid\n",
      "\(run.stderr)")
  }

  @Test func explainSaysWhatGoesWhere() throws {
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a", "env": "prod"], values: Self.lines(3, app: "a"))])
    let run = RunHarness.run([
      "--explain", "-q", "env=prod timeout level>=error", "loki://\(server.address)",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdoutText.contains(#"query {env="prod"} |~ "(?i)timeout""#), "\(run.stdoutText)")
    #expect(run.stdoutText.contains("the rest of the filter is evaluated by logview"))
  }

  /// Headless -f: a live tail that fails is said once on standard error, and its recovery
  /// too; the lines still come once each.
  @Test func followFailuresAreSaidOnceAndRecoveryToo() throws {
    let history = [(Self.noon - 5 * Self.second, #"{"n":1}"#)]
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a"], values: history)], faults: ["ok", "500", "503"],
      live: [(2500, 0, Self.noon + Self.second, #"{"n":2}"#)])
    let child = try BinaryHarness([
      "-f", "-o", "raw", "loki://\(server.address)?selector={app=\"a\"}",
    ])
    #expect(child.waitFor(seconds: 20) { $0.contains(#""n":2"#) }, "\(child.outputText)")
    Thread.sleep(forTimeInterval: 0.3)
    child.stop()
    let errors = String(
      decoding: child.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(errors.components(separatedBy: "retrying").count == 2, "\(errors)")
    #expect(errors.contains("reading again"), "\(errors)")
    #expect(child.outputText.components(separatedBy: #""n":"#).count == 3)
  }
}
