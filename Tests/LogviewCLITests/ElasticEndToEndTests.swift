import Foundation
import LogviewTestSupport
import Testing

/// es:// sources through the whole command line, against osmem-server (an in-memory
/// OpenSearch). RunHarness pins now at 2024-03-15T12:00:00Z.
@Suite struct ElasticEndToEndTests {
  static let noonMillis: Int64 = 1_710_504_000_000

  static var properties: [String: Any] {
    [
      "@timestamp": ["type": "date"], "region": ["type": "keyword"],
      "note": ["type": "text", "fields": ["keyword": ["type": "keyword", "ignore_above": 256]]],
      "level": ["type": "keyword"], "msg": ["type": "text"], "requestId": ["type": "keyword"],
      "N": ["type": "long"],
    ]
  }

  /// `count` documents ending a minute before noon, `perMillisecond` sharing each
  /// millisecond (equal times across pages).
  static func documents(
    _ count: Int, from first: Int = 0, perMillisecond: Int = 1, end: Int64? = nil
  )
    -> [(id: String, source: [String: Any])]
  {
    let last = end ?? (noonMillis - 60_000)
    return (first..<(first + count)).map { i in
      let millis = last - Int64((first + count - 1 - i) / perMillisecond) * 10
      var source: [String: Any] = [
        "@timestamp": iso(millis), "region": ["eu", "us", "ap"][i % 3],
        "level": i % 5 == 0 ? "error" : "info", "requestId": "req_\(i % 7)", "N": i,
        "msg": i % 4 == 0 ? "upstream timeout after 3s" : "request \(i) done",
      ]
      if i % 2 == 0 { source["note"] = i % 6 == 0 ? "slow dog" : "the quick fox" }
      return (id: "d\(i)", source: source)
    }
  }

  static func iso(_ millis: Int64) -> String {
    let date = Date(timeIntervalSince1970: Double(millis) / 1000)
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  static func numbers(_ text: String) -> [Int] {
    text.split(separator: "\n").compactMap { line in
      guard let range = line.firstRange(of: #""N":"#) else { return nil }
      // The server may keep a space after the colon, as the document was sent.
      return Int(line[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber })
    }
  }

  static func server(_ documents: [(id: String, source: [String: Any])], index: String = "logs-a")
    throws -> OpenSearchTestServer
  {
    let server = try OpenSearchTestServer()
    try server.createIndex(index, properties: properties)
    try server.add(index, documents)
    return server
  }

  @Test func pagesPastTheResultWindowOnceInOrder() throws {
    // 25,000 documents, four to a millisecond: pages of 10,000 end inside a millisecond.
    let server = try Self.server(Self.documents(25_000, perMillisecond: 4))
    let run = RunHarness.run(["-o", "raw", "--since", "2h", "es://\(server.address)/logs-a"])
    #expect(run.status == 0, "\(run.stderr)")
    let numbers = Self.numbers(run.stdoutText)
    #expect(numbers.count == 25_000 && numbers == Array(0..<25_000), "\(numbers.count) records")
  }

  @Test func theWindowIsTheLastHourUnlessSinceSaysOtherwise() throws {
    let documents = (0..<100).map { i in
      (
        id: "m\(i)",
        source: ["@timestamp": Self.iso(Self.noonMillis - Int64(100 - i) * 60_000), "N": i]
          as [String: Any]
      )
    }
    let server = try Self.server(documents)
    let address = "es://\(server.address)/logs-*"
    #expect(RunHarness.run(["--count", address]).stdoutText == "60\n")
    #expect(RunHarness.run(["--count", "--since", "3h", address]).stdoutText == "100\n")
    #expect(
      RunHarness.run(["--count", "--since", "30m", "--until", "10m", address]).stdoutText
        == "20\n")
  }

  static let filters = [
    "region=eu", "note='the quick fox'", "note=fox", "region=eu level>=error", "timeout",
    "region=eu note='slow dog'", "not region=eu", "region=eu or level=error", "N>100 region=ap",
    "_index=logs-a region=us", "_id=d17", "requestId=req_3", "region in (eu, ap)",
    "note in ('slow dog', 'the quick fox') region=us",
  ]

  @Test(arguments: filters)
  func pushDownGivesWhatAFileGives(_ filter: String) throws {
    let server = try Self.server(Self.documents(300))
    let address = "es://\(server.address)/logs-a"
    let all = RunHarness.run(["-o", "raw", address])
    let directory = TempDirectory()
    let file = directory.file("es.jsonl")
    try all.stdoutText.write(toFile: file, atomically: true, encoding: .utf8)
    let fromStore = RunHarness.run(["-o", "raw", "-q", filter, address])
    let fromFile = RunHarness.run(["-o", "raw", "-q", filter, file])
    #expect(fromStore.stderr == "")
    #expect(Self.numbers(fromStore.stdoutText) == Self.numbers(fromFile.stdoutText))
    #expect(!Self.numbers(fromStore.stdoutText).isEmpty || filter == "note=fox")
  }

  @Test func explainNamesTheQueryAndWhatStaysLocal() throws {
    let server = try Self.server(Self.documents(10))
    let run = RunHarness.run([
      "--explain", "-q", "region=eu note='slow dog' timeout", "es://\(server.address)/logs-a",
    ])
    #expect(run.stdoutText.contains(#"{"term":{"region":"eu"}}"#), "\(run.stdoutText)")
    #expect(run.stdoutText.contains(#"{"term":{"note.keyword":"slow dog"}}"#))
    #expect(
      run.stdoutText.contains(#""range":{"@timestamp":{"gte":1710500400000,"lt":1710504000000"#))
    #expect(run.stdoutText.contains("(opensearch)"))
    #expect(run.stdoutText.contains("the rest of the filter is evaluated by logview"))
  }

  @Test func indexAndIdAreFieldsOfTheRecord() throws {
    let server = try Self.server(Self.documents(3))
    let run = RunHarness.run(["-o", "raw", "es://\(server.address)/logs-a"])
    let lines = run.stdoutText.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.allSatisfy { $0.contains(#""_index":"logs-a""#) })
    #expect(lines.first?.contains(#""_id":"d0""#) == true)
  }

  @Test func requestPullsEveryRecordOfTheRequest() throws {
    let server = try Self.server(Self.documents(200))
    let run = RunHarness.run(["-o", "raw", "--request", "req_3", "es://\(server.address)/logs-a"])
    #expect(Self.numbers(run.stdoutText) == Array(stride(from: 3, to: 200, by: 7)))
  }

  @Test func aMissingIndexIsOneClearLine() throws {
    let server = try Self.server(Self.documents(3))
    let run = RunHarness.run(["--count", "es://\(server.address)/nosuch"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("nosuch"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
  }

  @Test func followShowsNewDocumentsOnce() throws {
    let server = try Self.server(Self.documents(10))
    let child = try BinaryHarness(["-f", "-o", "raw", "es://\(server.address)/logs-a"])
    defer { child.stop() }
    #expect(child.waitFor { Self.numbers($0).count == 10 })
    // Newer than the window, and some at the newest time already read.
    try server.add(
      "logs-a", Self.documents(5, from: 10, perMillisecond: 5, end: Self.noonMillis - 60_000))
    #expect(child.waitFor(seconds: 15) { Self.numbers($0).count >= 15 })
    Thread.sleep(forTimeInterval: 2.5)
    #expect(Self.numbers(child.outputText) == Array(0..<15))
  }
}
