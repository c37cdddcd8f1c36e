import Foundation
import LogviewTestSupport
import Testing

/// cloudwatch:// sources through the whole command line, against moto's CloudWatch Logs
/// (Tests/Servers/moto_logs.py). RunHarness pins now at 2024-03-15T12:00:00Z: a store reads
/// 11:00-12:00 by default.
@Suite struct CloudWatchEndToEndTests {
  static let noon: Int64 = 1_710_504_000_000
  static let group = "/aws/lambda/checkout"
  static let streams = ["web-1", "web-2", "db-1"]

  static func address(_ group: String = group, _ query: String = "") -> String {
    "cloudwatch://us-east-1/" + group + query
  }

  /// Message `i`: a text line every fourth, else a JSON line.
  static func message(_ i: Int) -> String {
    i % 4 == 0
      ? "plain message n=\(i) timeout"
      : #"{"level":"\#(i % 5 == 0 ? "error" : "info")","msg":"request \#(i)","requestId":"req_\#(i % 3)","n":\#(i)}"#
  }

  /// `count` events `step` ms apart ending a minute before noon, spread over the streams.
  static func put(_ count: Int, to server: MotoServer, group: String = group, step: Int64 = 1000)
    throws
  {
    var byStream: [String: [(Int64, String)]] = [:]
    for i in 0..<count {
      let ms = noon - 60_000 - Int64(count - i) * step
      byStream[streams[i % streams.count], default: []].append((ms, message(i)))
    }
    for stream in streams {
      try server.put(group: group, stream: stream, events: byStream[stream] ?? [])
    }
  }

  /// The `n` of each record, in order.
  static func numbers(_ text: String) -> [Int] {
    text.split(separator: "\n").compactMap { line in
      guard let range = line.firstRange(of: #""n":"#) ?? line.firstRange(of: "n=") else {
        return nil
      }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
  }

  static func bodies(_ server: MotoServer) throws -> [[String: Any]] {
    try server.requests().compactMap { $0["body"] as? [String: Any] }
  }

  @Test func pagesThroughTheWholeWindowOnce() throws {
    let server = try MotoServer()
    try Self.put(20_500, to: server, step: 100)
    let run = RunHarness.run(
      ["-o", "raw", Self.address(Self.group)], environment: server.environment)
    #expect(run.status == 0, "\(run.stderr)")
    let numbers = Self.numbers(run.stdoutText)
    let inOrder = numbers == Array(0..<20_500)
    #expect(inOrder, "\(numbers.count) records")
    let tokens = try Self.bodies(server).map { $0["nextToken"] as? String }
    #expect(tokens.count == 3)
    #expect(tokens.first == .some(nil))
    #expect(tokens.dropFirst().allSatisfy { $0 != nil })
  }

  @Test func theWindowIsTheLastHourUnlessSinceSaysOtherwise() throws {
    let server = try MotoServer()
    // 100 events a minute apart: 11:59 back to 10:20.
    let events = (0..<100).map { (Self.noon - Int64(100 - $0) * 60_000, Self.message($0)) }
    try server.put(group: "app", stream: "s", events: events)
    let address = Self.address("app")
    let count = { (arguments: [String]) in
      RunHarness.run(["--count"] + arguments + [address], environment: server.environment)
    }
    #expect(count([]).stdoutText == "60\n", "\(count([]).stderr)")
    #expect(count(["--since", "3h"]).stdoutText == "100\n")
    #expect(count(["--since", "30m", "--until", "10m"]).stdoutText == "20\n")
    let last = try Self.bodies(server).last
    #expect((last?["startTime"] as? NSNumber)?.int64Value == Self.noon - 30 * 60_000)
    #expect((last?["endTime"] as? NSNumber)?.int64Value == Self.noon - 10 * 60_000 - 1)
  }

  static let filters = [
    "timeout", "Timeout", "level>=error", "requestId=req_1", "logStreamName=web-2",
    "logStreamName=web-2 timeout", "not timeout", #""request 1""#, "msg~request", "n>100 n<=120",
    "plain n=12", "eventId=5",
  ]

  /// The same records from CloudWatch as from a file of what it gave, whatever is pushed.
  @Test(arguments: filters)
  func pushDownGivesWhatAFileGives(_ filter: String) throws {
    let server = try MotoServer()
    try Self.put(300, to: server)
    let address = Self.address(Self.group)
    let all = RunHarness.run(["-o", "raw", address], environment: server.environment)
    #expect(Self.numbers(all.stdoutText).count == 300, "\(all.stderr)")
    let directory = TempDirectory()
    let file = directory.file("cloudwatch.jsonl")
    try all.stdoutText.write(toFile: file, atomically: true, encoding: .utf8)
    let fromStore = RunHarness.run(
      ["--count", "-q", filter, address], environment: server.environment)
    let fromFile = RunHarness.run(["--count", "-q", filter, file])
    #expect(fromStore.stderr == "")
    #expect(fromStore.stdoutText == fromFile.stdoutText, "\(filter)")
  }

  @Test func metadataAreFieldsAndTheStreamPrefixSelects() throws {
    let server = try MotoServer()
    try Self.put(30, to: server)
    let address = Self.address(Self.group)
    let run = RunHarness.run(
      ["-o", "raw", "-q", "logStreamName=web-2", address], environment: server.environment)
    let lines = run.stdoutText.split(separator: "\n")
    #expect(lines.count == 10, "\(run.stderr)")
    #expect(
      lines.allSatisfy {
        $0.contains(#""logStreamName":"web-2""#)
          && $0.contains(#""logGroupName":"/aws/lambda/checkout""#)
          && $0.contains(#""eventId":""#)
      })
    let prefixed = RunHarness.run(
      ["--count", Self.address(Self.group, "?stream=web-")], environment: server.environment)
    #expect(prefixed.stdoutText == "20\n", "\(prefixed.stderr)")
    #expect(try Self.bodies(server).last?["logStreamNamePrefix"] as? String == "web-")
  }

  @Test func explainShowsThePatternAndTheRequestIdIsSent() throws {
    let server = try MotoServer()
    try Self.put(30, to: server)
    let address = Self.address(Self.group)
    let explain = RunHarness.run(
      ["--explain", "--request", "req_1", "-q", "level>=error", address],
      environment: server.environment)
    #expect(
      explain.stdoutText.contains(
        "FilterLogEvents logGroupName=/aws/lambda/checkout filterPattern=%req_1%; in CloudWatch: text = req_1; "
          + "the rest of the filter is evaluated by logview"),
      "\(explain.stdoutText)\(explain.stderr)")
    let run = RunHarness.run(
      ["--count", "--request", "req_1", address], environment: server.environment)
    #expect(run.stdoutText == "7\n", "\(run.stderr)")
    let sent = try server.requests().last
    #expect((sent?["body"] as? [String: Any])?["filterPattern"] as? String == "%req_1%")
    #expect(sent?["signed"] as? Bool == true)
  }

  @Test func throttlingAndServerErrorsAreRetried() throws {
    let server = try MotoServer()
    try Self.put(20, to: server)
    try server.fail(["throttle", "500", "throttle"])
    let run = RunHarness.run(
      ["--count", Self.address(Self.group)], environment: server.environment)
    #expect(run.stdoutText == "20\n", "\(run.stderr)")
  }

  @Test func aProfileFromTheCredentialsFileSignsWithItsToken() throws {
    let server = try MotoServer()
    try Self.put(5, to: server)
    let home = TempDirectory()
    try FileManager.default.createDirectory(
      atPath: home.file(".aws"), withIntermediateDirectories: true)
    try """
    [ci]
    aws_access_key_id = AKIDCI
    aws_secret_access_key = ci-secret-key-0123456789
    aws_session_token = ci-session-token-0123456789
    """.write(toFile: home.file(".aws/credentials"), atomically: true, encoding: .utf8)
    let run = RunHarness.run(
      ["--count", Self.address(Self.group)],
      environment: ["HOME": home.path, "AWS_PROFILE": "ci", "AWS_ENDPOINT_URL": server.endpoint])
    #expect(run.stdoutText == "5\n", "\(run.stderr)")
    #expect(try server.requests().last?["token"] as? String == "ci-session-token-0123456789")
  }

  /// Environment (beyond the endpoint), address, the one error line's fragments.
  static let failures: [([String: String], String, [String])] = [
    (
      ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "wJalrSECRETVALUE"],
      address("/aws/missing"),
      [
        "logview: bad log store address cloudwatch://us-east-1//aws/missing: log group "
          + "/aws/missing does not exist in us-east-1"
      ]
    ),
    (
      ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "wJalrSECRETVALUE"],
      address("aws/lambda/checkout"),
      [
        "does not exist in us-east-1 (for /aws/lambda/checkout, write cloudwatch://us-east-1//aws/lambda/checkout)"
      ]
    ),
    (
      [:], address(group),
      [
        "logview: cloudwatch://us-east-1//aws/lambda/checkout needs credentials: ",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE",
      ]
    ),
    (
      ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "wJalrSECRETVALUE"],
      "cloudwatch://us-east-1",
      ["no log group: give cloudwatch://REGION/GROUP"]
    ),
    (
      ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "wJalrSECRETVALUE"],
      address(group, "?selector=x"),
      ["unknown parameter selector"]
    ),
  ]

  @Test(arguments: failures)
  func failuresAreOneLine(_ environment: [String: String], _ address: String, _ fragments: [String])
    throws
  {
    let server = try MotoServer()
    try Self.put(3, to: server)
    let run = RunHarness.run(
      ["--count", address],
      environment: environment.merging(["AWS_ENDPOINT_URL": server.endpoint]) { a, _ in a })
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    for fragment in fragments { #expect(run.stderr.contains(fragment), "\(run.stderr)") }
    #expect(!run.stderr.contains("wJalrSECRETVALUE"))
  }

  @Test func aBodyCutShortIsOneLine() throws {
    let server = try MotoServer()
    try Self.put(3, to: server)
    try server.fail(["garbage"])
    let run = RunHarness.run(
      ["--count", Self.address(Self.group)], environment: server.environment)
    #expect(run.status == 2)
    #expect(run.stderr.contains("sent an unexpected answer"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func nothingListeningIsOneLineAtOnce() throws {
    let port = try MotoServer().port  // killed as soon as it is gone
    let started = ContinuousClock.now
    let run = RunHarness.run(
      ["--count", "cloudwatch://us-east-1//aws/x"],
      environment: [
        "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)",
      ])
    #expect(run.status == 2)
    #expect(
      run.stderr == "logview: cannot reach cloudwatch://us-east-1//aws/x: connection refused\n",
      "\(run.stderr)")
    #expect(ContinuousClock.now - started < .seconds(5))
  }

  /// -f: events put after the start, one of them late (older than the newest shown), each
  /// shown once.
  @Test func followShowsNewEventsOnce() throws {
    let server = try MotoServer()
    try Self.put(10, to: server)
    let child = try BinaryHarness(
      ["-f", "-o", "raw", Self.address(Self.group)], environment: server.environment)
    defer { child.stop() }
    #expect(child.waitFor { Self.numbers($0).count == 10 })
    let live = (10..<15).map { (Self.noon + Int64($0 - 9) * 1000, Self.message($0)) }
    try server.put(group: Self.group, stream: "web-1", events: live)
    #expect(child.waitFor(seconds: 15) { Self.numbers($0).count >= 15 })
    try server.put(
      group: Self.group, stream: "web-2", events: [(Self.noon + 3500, Self.message(15))])
    #expect(child.waitFor(seconds: 15) { Self.numbers($0).count >= 16 })
    Thread.sleep(forTimeInterval: 2.5)
    #expect(Self.numbers(child.outputText) == Array(0..<16))
  }
}
