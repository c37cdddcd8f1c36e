import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewCLI

/// `-o json` and user-defined formats through the whole command.
@Suite struct RecognizedShapesEndToEndTests {
  static func objects(_ outcome: RunHarness.Outcome) throws -> [[String: Any]] {
    try outcome.stdoutText.split(separator: "\n").map {
      try #require(
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
    }
  }

  @Test(arguments: [
    "formats/pino.log", "formats/docker.log", "formats/journald.log", "formats/kubectl.log",
    "formats/logfmt.log", "formats/access.log", "formats/es-hits.log", "mixed/mixed.log",
  ])
  func jsonOutputIsOneValidObjectPerRecord(_ fixture: String) throws {
    let outcome = RunHarness.run(["-o", "json", RepoRoot.fixture(fixture)])
    let normalized = RunHarness.run(["-o", "normalized", RepoRoot.fixture(fixture)])
    #expect(outcome.status == 0)
    let lines = outcome.stdoutText.split(separator: "\n")
    #expect(lines.count == normalized.stdoutText.split(separator: "\n").count)
    for line in lines {
      // mixed.log's 2,000-deep array is beyond Foundation's nesting limit, not invalid.
      guard !line.contains("[[[[[[[[[[") else { continue }
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["_logview"] is [String: Any], "\(line.prefix(200))")
    }
  }

  @Test func jsonOutputKeepsEveryFieldAndNeverOverwritesOne() throws {
    let dir = TempDirectory()
    let log = dir.path + "/app.log"
    try """
    {"level":"warn","msg":"slow","durationMs":1834,"_logview":"mine","nested":{"a" : 1}}
    [pod/api-7d9c5b9b9-abcde/app] time=2024-03-15T10:00:00Z level=error msg="db down" port=5432
    plain text line
    {"level":"error","msg":"with a trace"}
    \tat com.example.A.run(A.java:1)
    {
      "level": "info",
      "nested": {
        "b": [1, 2]
      }
    }

    """.write(toFile: log, atomically: true, encoding: .utf8)
    let objects = try Self.objects(RunHarness.run(["-o", "json", log]))
    try #require(objects.count == 5)
    #expect(objects[0]["durationMs"] as? Int == 1834)
    #expect(objects[0]["_logview"] as? String == "mine")
    #expect((objects[0]["_logview_"] as? [String: Any])?["level"] as? String == "warn")
    #expect((objects[0]["nested"] as? [String: Any])?["a"] as? Int == 1)
    #expect(objects[1]["pod"] as? String == "api-7d9c5b9b9-abcde")
    #expect(objects[1]["port"] as? Int == 5432)
    #expect((objects[1]["_logview"] as? [String: Any])?["message"] as? String == "db down")
    #expect((objects[2]["_logview"] as? [String: Any])?["text"] as? String == "plain text line")
    #expect(
      (objects[3]["_logview"] as? [String: Any])?["continuation"] as? String
        == "\tat com.example.A.run(A.java:1)")
    #expect((objects[4]["nested"] as? [String: Any])?["b"] as? [Int] == [1, 2])
  }

  /// A CRI partial line and the one finishing it are one message, shown once; frames written
  /// as CRI lines show without the prefix; raw output keeps every byte.
  @Test func criRecordsShowTheirContentOnce() throws {
    let path = RepoRoot.fixture("formats/cri.log")
    let pretty = RunHarness.run(["--color", "never", path]).stdoutText
    #expect(pretty.contains("at 16 KiB reqId=req-32\n2024-03-15 10:00:03.000       plain text"))
    #expect(
      pretty.contains("request failed\njava.lang.IllegalStateException: cart is empty\n\tat "))
    let objects = try Self.objects(RunHarness.run(["-o", "json", path]))
    let joined = try #require(objects.first { ($0["msg"] as? String)?.hasPrefix("a long") == true })
    #expect((joined["_logview"] as? [String: Any])?["continuation"] == nil)
    let raw = RunHarness.run(["-o", "raw", path]).stdout
    #expect(raw == [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  @Test func userFormatReadsInHouseLines() throws {
    let dir = TempDirectory()
    try FileManager.default.createDirectory(
      atPath: dir.path + "/logview", withIntermediateDirectories: true)
    try #"""
    # in-house format; '#' inside the pattern is not a comment
    format = ^(?<time>\S+ \S+) \[(?<level>\w+)\] <(?<service>[\w-]+)> rid=(?<request>\S+) (?<message>.*?)(?: took=(?<took_ms>\d+)ms)?$
    """#.write(toFile: dir.path + "/logview/config", atomically: true, encoding: .utf8)
    let log = dir.path + "/billing.log"
    try """
    2024-03-15 10:00:00.123 [WARN] <billing-api> rid=req-9 invoice #42 slow took=1834ms
    2024-03-15 10:00:01.000 [ERROR] <billing-api> rid=req-10 invoice failed
    a line of another shape

    """.write(toFile: log, atomically: true, encoding: .utf8)
    let env = ["XDG_CONFIG_HOME": dir.path]
    let slow = RunHarness.run(["-o", "normalized", "-q", "took_ms>1000", log], environment: env)
    #expect(
      slow.stdoutText.contains(
        #""timestamp":"2024-03-15T10:00:00.123Z","level":"warn","message":"invoice #42 slow","requestId":"req-9","service":"billing-api""#
      ), "\(slow.stdoutText)")
    #expect(slow.stdoutText.split(separator: "\n").count == 1)
    let errors = RunHarness.run(["--count", "-q", "level>=error", log], environment: env)
    #expect(errors.stdoutText == "1\n")
  }

  @Test(arguments: [
    ("format = (?<level>[a-z+)", "missing terminating ]"),
    ("format = [a-z]+ no groups", "no named group"),
  ])
  func badFormatNamesFileAndLine(_ line: String, _ reason: String) throws {
    let dir = TempDirectory()
    let config = dir.path + "/config"
    try "tz = UTC\n\(line)\n".write(toFile: config, atomically: true, encoding: .utf8)
    let outcome = RunHarness.run(["--config", config, RepoRoot.fixture("formats/pino.log")])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("\(config):2: bad format pattern: "), "\(outcome.stderr)")
    #expect(outcome.stderr.contains(reason))
  }
}
