import Foundation
import LogviewCore
import LogviewSources
import Testing

@testable import LogviewStore

@Suite struct LiveLogMergeTests {
  final class Owner {}

  /// Merging in waves (small pieces: many waves, a file often starving) gives exactly the
  /// order, sources and line numbers of one merge over everything (one huge piece a file).
  @Test(arguments: [3, 7, 11])
  func wavesMergeLikeOneMerge(_ seed: Int) {
    var rng = seed
    func next(_ n: Int) -> Int {
      rng = (rng &* 1_103_515_245 &+ 12_345) & 0x7FFF_FFFF
      return rng % n
    }
    let files: [[UInt8]] = (0..<3).map { f in
      var time = 0
      var text = ""
      for i in 0..<(200 + 150 * f) {
        time += next(f == 1 ? 40 : 9)
        switch next(10) {
        case 0: text += "no time here \(f)-\(i)\n"
        case 1: text += "ERROR trace \(f)-\(i)\n  at x\n"
        default: text += "{\"time\":\(time),\"msg\":\"\(f)-\(i)\"}\n"
        }
      }
      return Array(text.utf8)
    }
    func merged(pieceSize: Int) -> [String] {
      let log = LiveLog(
        options: NormalizerOptions(), sources: ["a", "b", "c"], pieceSize: pieceSize,
        parallelAppend: pieceSize)
      let owners = files.map { ByteOwner($0) }
      log.appendMerged(
        owners.enumerated().map { (SourceRegion(bytes: $1.view, owner: $1), $0) })
      return (0..<log.count).map { i in
        "\(log.record(at: i).source):\(log.line(at: i)):" + LiveFixture.text(log, i)
      }
    }
    let once = merged(pieceSize: 1 << 24)
    // Every line is a record but the traceback's "  at x" continuation lines.
    let lines = files.map { file in file.filter { $0 == 0x0A }.count }.reduce(0, +)
    let continuations = once.filter { $0.hasSuffix("\n  at x") }.count
    #expect(once.count == lines - continuations)
    #expect(merged(pieceSize: 64) == once)
    #expect(merged(pieceSize: 700) == once)
  }

  @Test func mergedLoadOrdersByTimeKeepingEachFileInOrder() {
    let a = Array(
      ("{\"time\":1,\"msg\":\"a1\"}\n{\"time\":4,\"msg\":\"a2\"}\nplain line without time\n"
        + "{\"time\":6,\"msg\":\"a3\"}\n").utf8)
    let b = Array(
      "{\"time\":2,\"msg\":\"b1\"}\n{\"time\":5,\"msg\":\"b2\"}\n{\"time\":7,\"msg\":\"b3\"}\n".utf8
    )
    // Tiny pieces exercise several batches per file.
    let log = LiveLog(
      options: NormalizerOptions(), sources: ["a", "b"], pieceSize: 16, parallelAppend: 16)
    let owner = Owner()
    let added = a.withUnsafeBytes { ra in
      b.withUnsafeBytes { rb in
        log.appendMerged([
          (SourceRegion(bytes: ra, owner: owner), 0),
          (SourceRegion(bytes: rb, owner: owner), 1),
        ])
      }
    }
    #expect(added == 7)
    let texts = (0..<log.count).map { i in
      log.withText(at: i) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
    }
    let messages = texts.map {
      $0.contains("\"msg\":\"") ? String($0.split(separator: "\"")[5]) : "plain"
    }
    #expect(messages == ["a1", "b1", "a2", "plain", "b2", "a3", "b3"])
    #expect((0..<log.count).map { log.line(at: $0) } == [1, 1, 2, 3, 2, 4, 3])
    #expect((0..<log.count).map { log.record(at: $0).source } == [0, 1, 0, 0, 1, 0, 1])
  }

  @Test func indexingReportsProgressAndEnds() {
    let text = String(repeating: "{\"time\":1,\"msg\":\"x\"}\n", count: 2_000)
    let bytes = Array(text.utf8)
    let log = LiveLog(
      options: NormalizerOptions(), sources: ["a"], pieceSize: 512, parallelAppend: 512)
    let calls = Counter()
    bytes.withUnsafeBytes { raw in
      _ = log.appendMapped(raw, owner: Owner(), source: 0) { calls.increment() }
    }
    #expect(calls.value > 1)
    #expect(log.indexing == nil)
    #expect(log.count == 2_000)
  }

  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
  }

  @Test func inputPastTheMemoryCapSpillsToATemporaryFileIntact() {
    let log = LiveLog(
      options: NormalizerOptions(), sources: ["-"], pieceSize: 1 << 20, parallelAppend: 1 << 30,
      budget: MemoryBudget(bytes: .max, arenaCap: 1))
    var expected: [String] = []
    for round in 0..<3 {
      var text = ""
      for i in 0..<2_000 {
        let line = "{\"level\":\"info\",\"msg\":\"round \(round) line \(i)\"}"
        expected.append(line)
        text += line + "\n"
      }
      Array(text.utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
    }
    #expect(log.spilledBytes > 0)
    #expect(log.count == expected.count)
    let texts = (0..<log.count).map { i in
      log.withText(at: i) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
    }
    #expect(texts == expected)
  }
}
