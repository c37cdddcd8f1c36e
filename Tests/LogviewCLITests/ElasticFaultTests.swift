import Foundation
import LogviewTestSupport
import Testing

/// es:// sources against Tests/Servers/es_server.py: Elasticsearch's own point-in-time API,
/// OpenSearch before 3.3 (no _shard_doc), the result window, faults and credentials.
@Suite struct ElasticFaultTests {
  typealias Index = (properties: [String: Any], documents: [(String, [String: Any])])

  static func index(_ count: Int, perMillisecond: Int = 1) -> [String: Index] {
    let documents = ElasticEndToEndTests.documents(count, perMillisecond: perMillisecond)
    return ["logs-a": (ElasticEndToEndTests.properties, documents.map { ($0.id, $0.source) })]
  }

  static func searches(_ server: ElasticTestServer) throws -> [[String: Any]] {
    try server.requests().filter { ($0["path"] as? String)?.hasSuffix("/_search") == true }
  }

  @Test(arguments: [("elasticsearch", "8.13.0", "_shard_doc"), ("opensearch", "2.11.0", "_id")])
  func pagesThroughAPointInTimeWithTheServersTiebreaker(
    _ distribution: String, _ version: String, _ tiebreaker: String
  ) throws {
    let server = try ElasticTestServer(
      distribution: distribution, version: version,
      indices: Self.index(12_000, perMillisecond: 3))
    let run = RunHarness.run(["-o", "raw", "--since", "2h", "es://\(server.address)/logs-*"])
    #expect(run.status == 0, "\(run.stderr)")
    let numbers = ElasticEndToEndTests.numbers(run.stdoutText)
    // Every document once; within a millisecond in the tiebreaker's order (_id is text).
    #expect(numbers.count == 12_000 && numbers.sorted() == Array(0..<12_000))
    let searches = try Self.searches(server)
    #expect(searches.count == 3)
    for search in searches {
      let body = search["body"] as? [String: Any] ?? [:]
      #expect(body["from"] == nil)
      #expect((body["pit"] as? [String: Any])?["id"] != nil)
      #expect("\(body["sort"] ?? "")".contains(tiebreaker))
    }
    let paths = try server.requests().compactMap { $0["path"] as? String }
    #expect(
      paths.contains(
        distribution == "opensearch" ? "/logs-*/_search/point_in_time" : "/logs-*/_pit"))
  }

  @Test func aSmallerResultWindowHalvesThePage() throws {
    let server = try ElasticTestServer(indices: Self.index(3_000), maxResultWindow: 2_000)
    let run = RunHarness.run(["--count", "--since", "2h", "es://\(server.address)/logs-a"])
    #expect(run.stdoutText == "3000\n", "\(run.stderr)")
  }

  @Test func overloadAndServerErrorsAreRetried() throws {
    let server = try ElasticTestServer(indices: Self.index(50), faults: ["500", "503", "429"])
    let started = Date()
    let run = RunHarness.run(["--count", "--since", "2h", "es://\(server.address)/logs-a"])
    #expect(run.stdoutText == "50\n", "\(run.stderr)")
    // 429 came with Retry-After: 1.
    #expect(Date().timeIntervalSince(started) >= 1)
  }

  /// fault, a fragment of the one line said.
  static let fatal: [(String, String)] = [
    ("garbage", "unexpected answer"), ("truncated", "unexpected answer"),
    ("404", "HTTP 404"),
  ]

  @Test(arguments: fatal)
  func aBadAnswerIsOneLineAndExitTwo(_ fault: String, _ fragment: String) throws {
    let server = try ElasticTestServer(indices: Self.index(5), faults: [fault])
    let run = RunHarness.run(["--count", "es://\(server.address)/logs-a"])
    #expect(run.status == 2)
    #expect(run.stderr.contains(fragment), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
  }

  @Test func credentialsAreSentAndNeverShown() throws {
    let key = "c2VjcmV0LWtleQ=="
    let server = try ElasticTestServer(indices: Self.index(5), auth: "ApiKey " + key)
    let address = "es://\(server.address)/logs-a"
    let refused = RunHarness.run(["--count", address])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("ES_API_KEY"), "\(refused.stderr)")
    let withKey = RunHarness.run(["--count", address], environment: ["ES_API_KEY": key])
    #expect(withKey.stdoutText == "5\n", "\(withKey.stderr)")
    let wrong = RunHarness.run(
      ["--count", "--explain", "es://elastic:hunter2@\(server.address)/logs-a"])
    #expect(!wrong.stderr.contains("hunter2") && !wrong.stdoutText.contains("hunter2"))
    #expect(wrong.status == 2)
  }

  @Test func nothingListeningIsSaidAtOnce() throws {
    let started = Date()
    let run = RunHarness.run(["--count", "es://127.0.0.1:1/logs-a"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("refused"), "\(run.stderr)")
    #expect(Date().timeIntervalSince(started) < 5)
  }

  /// A request that gets no answer is given up after --timeout and tried again; a server that
  /// never answers is one line and exit 2, soon.
  @Test func aServerThatDoesNotAnswerTimesOut() throws {
    let once = try ElasticTestServer(indices: Self.index(5), faults: ["hang"])
    let retried = RunHarness.run([
      "--count", "--since", "2h", "--timeout", "1s", "es://\(once.address)/logs-a",
    ])
    #expect(retried.stdoutText == "5\n", "\(retried.stderr)")
    let never = try ElasticTestServer(indices: Self.index(5), faults: ["hang", "hang", "hang"])
    let started = Date()
    let run = RunHarness.run(["--count", "--timeout", "1s", "es://\(never.address)/logs-a"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("timed out"), "\(run.stderr)")
    #expect(Date().timeIntervalSince(started) < 10)
  }
}
