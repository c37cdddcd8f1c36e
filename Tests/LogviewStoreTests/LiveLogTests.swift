import Dispatch
import Foundation
import LogviewCore
import LogviewQuery
import Testing

@testable import LogviewStore

/// Keeps test bytes alive for appendMapped, like a mapped file would be.
final class ByteOwner: @unchecked Sendable {
  let bytes: UnsafeMutableRawBufferPointer
  let count: Int
  convenience init(_ text: String) { self.init(Array(text.utf8)) }
  init(_ content: [UInt8]) {
    count = content.count
    bytes = .allocate(byteCount: max(1, count), alignment: 16)
    bytes.copyBytes(from: content)
  }
  var view: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[0..<count]) }
  deinit { bytes.deallocate() }
}

enum LiveFixture {
  static func log(_ sources: Int = 1, pieceSize: Int = 1 << 20) -> LiveLog {
    LiveLog(
      options: NormalizerOptions(), sources: (0..<sources).map { "s\($0)" }, pieceSize: pieceSize,
      parallelAppend: pieceSize / 2)
  }

  @discardableResult
  static func append(_ log: LiveLog, _ text: String, source: Int = 0) -> Int {
    Array(text.utf8).withUnsafeBytes { log.append($0, source: source) }
  }

  static func texts(_ log: LiveLog) -> [String] {
    (0..<log.count).map { text(log, $0) }
  }

  static func text(_ log: LiveLog, _ i: Int) -> String {
    log.withText(at: i) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
  }

  static func json(
    _ level: String, _ n: Int, rid: String? = nil, ts: String? = nil, service: String = "api"
  ) -> String {
    var s = "{"
    if let ts { s += "\"time\":\"\(ts)\"," }
    s += "\"level\":\"\(level)\",\"service\":\"\(service)\",\"n\":\(n)"
    if let rid { s += ",\"requestId\":\"\(rid)\"" }
    return s + ",\"msg\":\"event \(n)\"}\n"
  }
}

@Suite struct LiveLogTests {
  /// (input, expected record texts, expected first-line lengths, expected line numbers)
  static let splitCases: [(String, [String], [Int], [Int])] = [
    ("{\"a\":1}\n{\"b\":2}\n", ["{\"a\":1}", "{\"b\":2}"], [7, 7], [1, 2]),
    ("one\r\ntwo\r\n", ["one", "two"], [3, 3], [1, 2]),
    (
      "Error: boom\n  at f (a.js:1)\n  at g (b.js:2)\nnext\n",
      ["Error: boom\n  at f (a.js:1)\n  at g (b.js:2)", "next"], [11, 4], [1, 4]
    ),
    ("a\n\n\nb\n", ["a\n\n", "b"], [1, 1], [1, 4]),
    ("last line without newline", ["last line without newline"], [25], [1]),
  ]

  @Test(arguments: splitCases)
  func appendSplitsRecords(_ input: String, _ texts: [String], _ firsts: [Int], _ lines: [Int]) {
    let log = LiveFixture.log()
    #expect(LiveFixture.append(log, input) == texts.count)
    #expect(LiveFixture.texts(log) == texts)
    #expect((0..<log.count).map { i in log.withText(at: i) { $1 } } == firsts)
    #expect((0..<log.count).map { log.line(at: $0) } == lines)
    #expect(log.byteCount == input.utf8.count)
  }

  /// (appends as (source, text), expected texts): leading continuation lines extend the
  /// source's previous record only while it is the log's last record.
  static let continuationCases: [([(Int, String)], [String])] = [
    ([(0, "Error: x\n"), (0, "  at f (a.js:1)\n")], ["Error: x\n  at f (a.js:1)"]),
    ([(0, "Error: x\r\n"), (0, "  at f\r\n  at g\r\n")], ["Error: x\r\n  at f\r\n  at g"]),
    ([(0, "Error: x\n"), (0, "  at f\nnext\n")], ["Error: x\n  at f", "next"]),
    ([(0, "Error: x\n"), (1, "other\n"), (0, "  at f\n")], ["Error: x", "other", "  at f"]),
    ([(0, "Error: x\n"), (1, "  at f\n")], ["Error: x", "  at f"]),
    ([(0, "  at f\n")], ["  at f"]),
    // The line before a piece is handed on: the final exception line after its frames.
    ([(0, "x\n    raise E()\n"), (0, "ValueError: v\n")], ["x\n    raise E()\nValueError: v"]),
    (
      [(0, "x\ngoroutine 1 [running]:\n"), (0, "main.main()\n\t/a.go:8 +0x1d\n")],
      ["x\ngoroutine 1 [running]:\nmain.main()\n\t/a.go:8 +0x1d"]
    ),
    (
      [(0, "x\n    raise E()\n"), (1, "y\n"), (0, "ValueError: v\n")],
      ["x\n    raise E()", "y", "ValueError: v"]
    ),
    ([(0, "x\n    raise E()\n"), (1, "ValueError: v\n")], ["x\n    raise E()", "ValueError: v"]),
  ]

  @Test(arguments: continuationCases)
  func continuationLinesAcrossAppends(_ appends: [(Int, String)], _ expected: [String]) {
    let log = LiveFixture.log(2)
    for (source, text) in appends { LiveFixture.append(log, text, source: source) }
    #expect(LiveFixture.texts(log) == expected)
  }

  /// A byte order mark is skipped at the start of a source (and after it started over), and
  /// kept as text anywhere else, however the stream was cut into appends.
  @Test func byteOrderMarkOnlyAtTheStart() {
    let bom = "\u{FEFF}"
    let log = LiveFixture.log()
    LiveFixture.append(log, bom + "a\n")
    LiveFixture.append(log, bom + "b\n")
    log.restart(source: 0)
    LiveFixture.append(log, bom + "c\n")
    #expect(LiveFixture.texts(log) == ["a", bom + "b", "c"])
  }

  @Test func restartedSourceDoesNotContinueAndRenumbers() {
    let log = LiveFixture.log()
    LiveFixture.append(log, "Error: x\nmore\n")
    log.restart(source: 0)
    LiveFixture.append(log, "  at f\nnew\n")
    #expect(LiveFixture.texts(log) == ["Error: x", "more", "  at f", "new"])
    #expect((0..<4).map { log.line(at: $0) } == [1, 2, 1, 2])
  }

  static func mappedInput(_ name: String) -> String {
    switch name {
    case "json":
      return (0..<300).map {
        LiveFixture.json(["info", "warn", "error"][$0 % 3], $0, rid: "r\($0 % 7)")
      }.joined()
    case "multiline":
      return (0..<120).map { i in
        i % 5 == 0
          ? "2024-03-15 10:00:0\(i % 10),123 ERROR failed \(i)\nTraceback:\n  File \"x.py\"\n"
          : "{\"ts\":\(1_710_000_000 + i),\"level\":30,\"msg\":\"m\(i)\"}\r\n"
      }.joined()
    default:
      return "no newline at all"
    }
  }

  /// Small pieces force several parallel pieces published in order.
  @Test(arguments: ["json", "multiline", "one-line"])
  func appendMappedEqualsAppend(_ name: String) {
    let input = Self.mappedInput(name)
    let mapped = LiveFixture.log(pieceSize: 512)
    let owner = ByteOwner(input)
    let added = mapped.appendMapped(owner.view, owner: owner, source: 0)
    let copied = LiveFixture.log(pieceSize: 512)
    LiveFixture.append(copied, input)
    #expect(added == copied.count)
    #expect(added > 0)
    for i in 0..<copied.count {
      #expect(mapped.record(at: i) == copied.record(at: i))
      #expect(mapped.line(at: i) == copied.line(at: i))
      #expect(LiveFixture.text(mapped, i) == LiveFixture.text(copied, i))
      #expect(mapped.withText(at: i) { $1 } == copied.withText(at: i) { $1 })
    }
    #expect(mapped.levelCounts == copied.levelCounts)
    #expect(mapped.byteCount == input.utf8.count)
  }

  /// (lines' levels, expected counts: none, trace ... fatal)
  static let levelCases: [([String?], [Int])] = [
    (["info", "info", "error"], [0, 0, 0, 2, 0, 1, 0]),
    ([nil, "warning", "crit", "debug", "trace"], [1, 1, 1, 0, 1, 0, 1]),
    ([], [0, 0, 0, 0, 0, 0, 0]),
  ]

  @Test(arguments: levelCases)
  func levelCountsAreMaintained(_ levels: [String?], _ expected: [Int]) {
    let log = LiveFixture.log()
    for (n, level) in levels.enumerated() {
      LiveFixture.append(log, level.map { LiveFixture.json($0, n) } ?? "plain \(n)\n")
    }
    #expect(log.levelCounts == expected)
    #expect(log.count == levels.count)
  }

  @Test func requestIdAcrossSourcesInTimeOrder() {
    let log = LiveFixture.log(2)
    LiveFixture.append(
      log,
      LiveFixture.json("info", 0, rid: "req_1", ts: "2024-03-15T10:00:03Z")
        + LiveFixture.json("info", 1, rid: "req_2", ts: "2024-03-15T10:00:04Z")
        // No timestamp: keeps the 10:00:04 of this source's previous record.
        + LiveFixture.json("error", 2, rid: "req_1"), source: 0)
    LiveFixture.append(
      log,
      LiveFixture.json("info", 3, rid: "req_1", ts: "2024-03-15T10:00:01Z")
        + LiveFixture.json("warn", 4, rid: "req_1", ts: "2024-03-15T10:00:05Z")
        + LiveFixture.json("warn", 5, rid: "req_11", ts: "2024-03-15T10:00:00Z"), source: 1)
    #expect(log.indices(requestId: "req_1") == [3, 0, 2, 4])
    #expect(log.indices(requestId: "req_2") == [1])
    #expect(log.indices(requestId: "req_3") == [])
    #expect(log.indices(requestId: "") == [])
    #expect(log.record(at: 2).timestamp == nil)
    #expect(
      log.record(at: 0).requestIdHash == Array("req_1".utf8).withUnsafeBytes(RequestIdHash.of))
  }

  @Test func outOfRangeReadsAreEmpty() {
    let log = LiveFixture.log()
    LiveFixture.append(log, "x\n")
    #expect(
      log.record(at: 5)
        == LiveRecord(source: 0, level: nil, timestamp: nil, requestIdHash: 0))
    #expect(log.withText(at: -1) { $0.count + $1 } == 0)
  }

  @Test func sourcesFinishWithErrors() {
    let log = LiveFixture.log(2)
    log.finish(source: 1, error: "cannot read b: boom")
    log.finish(source: 3, error: nil)
    #expect(
      log.sources == [
        SourceStatus(name: "s0"),
        SourceStatus(name: "s1", finished: true, error: "cannot read b: boom"),
        SourceStatus(name: "source 3"), SourceStatus(name: "source 4", finished: true),
      ])
  }

  /// More records than one page (65,536): indices, hashes and texts stay right across pages.
  @Test func recordsSpanPages() {
    let log = LiveFixture.log(pieceSize: 32 << 10)
    let n = RecordPage.size + 10
    let line: [UInt8] = Array("x\n".utf8)
    let marked: [UInt8] = Array("{\"reqId\":\"z\"}\n".utf8)
    var content = [UInt8](repeating: 0, count: line.count * (n - 1) + marked.count)
    content.withUnsafeMutableBytes { out in
      var at = 0
      for i in 0..<n {
        let bytes = i == n - 2 ? marked : line
        for b in bytes {
          out[at] = b
          at += 1
        }
      }
    }
    let owner = ByteOwner(content)
    log.appendMapped(owner.view, owner: owner, source: 0)
    #expect(log.count == n)
    #expect(log.indices(requestId: "z") == [n - 2])
    #expect(LiveFixture.text(log, RecordPage.size) == "x")
    #expect(log.line(at: n - 1) == n)
    // A scan from an unaligned start crosses into the next page.
    let filter = try! Query.parse("reqId").compile(now: 0, zone: .utc)
    let predicate = RecordPredicate(filter: filter)
    var found: [Int] = []
    let done = predicate.scan(
      (RecordPage.size - 3)..<n, in: log, normalizer: Normalizer(), into: &found
    ) { false }
    #expect(done && found == [n - 2])
  }

  /// Four writers append concurrently while a reader checks every published record.
  @Test func concurrentAppendsAndReads() {
    let log = LiveFixture.log(4, pieceSize: 2048)
    let perSource = 300
    let readerChecks = ConcurrentFlag()
    let readerStarted = DispatchSemaphore(value: 0)
    let readerExited = DispatchSemaphore(value: 0)
    // The reader has a thread of its own, started first: concurrentPerform would run it
    // after the writers on a 2-core machine, when there is nothing left to race with.
    let reader = Thread {
      var signalled = false
      while !readerChecks.done {
        // Everything below `count` is complete and well-formed, at any moment.
        let count = log.count
        if count > 0, count < 4 * perSource { readerChecks.sawWritesInFlight() }
        for i in max(0, count - 200)..<count {
          let record = log.record(at: i)
          let expected = LiveFixture.json("info", log.line(at: i), service: "s\(record.source)")
          if LiveFixture.text(log, i) + "\n" != expected { readerChecks.fail() }
        }
        if !signalled {
          signalled = true
          readerStarted.signal()
        }
      }
      readerExited.signal()
    }
    reader.start()
    readerStarted.wait()
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      var line = 1
      var batch = 1
      while line <= perSource {
        var text = ""
        for _ in 0..<batch where line <= perSource {
          text += LiveFixture.json("info", line, service: "s\(worker)")
          line += 1
        }
        LiveFixture.append(log, text, source: worker)
        batch = batch % 40 + 7
      }
    }
    readerChecks.done = true
    readerExited.wait()
    #expect(readerChecks.passesDuringWrites > 0, "the reader never ran while records arrived")
    #expect(!readerChecks.failed)
    #expect(log.count == 4 * perSource)
    #expect(log.levelCounts[Int(Level.info.rawValue)] == 4 * perSource)
    var nextLine = [1, 1, 1, 1]
    for i in 0..<log.count {
      let r = log.record(at: i)
      let line = log.line(at: i)
      #expect(line == nextLine[Int(r.source)])
      nextLine[Int(r.source)] += 1
      #expect(
        LiveFixture.text(log, i) + "\n" == LiveFixture.json("info", line, service: "s\(r.source)"))
    }
  }
}

/// Shared flags of the concurrent test.
final class ConcurrentFlag: @unchecked Sendable {
  private let lock = NSLockLike()
  private var failures = 0
  private var finished = false
  private var inFlight = 0
  var passesDuringWrites: Int { lock.with { inFlight } }
  func sawWritesInFlight() { lock.with { inFlight += 1 } }
  var done: Bool {
    get { lock.with { finished } }
    set { lock.with { finished = newValue } }
  }
  var failed: Bool { lock.with { failures > 0 } }
  func fail() { lock.with { failures += 1 } }
}

/// A tiny lock for test bookkeeping.
final class NSLockLike: @unchecked Sendable {
  private let semaphore = DispatchSemaphore(value: 1)
  func with<R>(_ body: () -> R) -> R {
    semaphore.wait()
    defer { semaphore.signal() }
    return body()
  }
}
