import LogviewCore
import LogviewQuery
import Testing

@testable import LogviewStore

/// --keep-last: the log keeps the newest N records; older ones leave the views and give
/// their memory back, and what is kept still reads, numbers and filters right.
struct KeepLastTests {
  static func log(keepLast: Int, sources: Int = 1) -> LiveLog {
    LiveLog(
      options: NormalizerOptions(), sources: (0..<sources).map { "s\($0)" }, pieceSize: 1 << 16,
      parallelAppend: 1 << 15, keepLast: keepLast)
  }

  /// Past several pages and arena chunks, so both are released.
  @Test func keepsTheNewestRecordsAndCountsTheRest() {
    let keep = 70_000
    let log = Self.log(keepLast: keep)
    var n = 0
    var batch = ""
    for i in 0..<300_000 {
      batch += LiveFixture.json(i % 10 == 0 ? "error" : "info", i, rid: "r\(i % 1000)")
      if batch.utf8.count > 1 << 20 || i == 299_999 {
        n += LiveFixture.append(log, batch)
        batch = ""
      }
    }
    #expect(log.count == 300_000)
    #expect(n == 300_000)
    #expect(log.firstKeptIndex == 300_000 - keep)
    // The memory went back: every page and all but the chunks still holding kept records.
    #expect(log.writer.withLock { $0.pagesReleased } == log.firstKeptIndex >> RecordPage.shift)
    #expect(log.writer.withLock { $0.segments.inMemory } <= 2 * LogWriter.arenaChunk)
    let levels = log.levelCounts
    #expect(levels.reduce(0, +) == keep)
    #expect(levels[Int(Level.error.rawValue)] == keep / 10)
    for i in stride(from: log.firstKeptIndex, to: log.count, by: 997) {
      #expect(
        LiveFixture.text(log, i) + "\n"
          == LiveFixture.json(i % 10 == 0 ? "error" : "info", i, rid: "r\(i % 1000)"))
      #expect(log.line(at: i) == i + 1)
    }
    #expect(log.line(at: log.firstKeptIndex - 1) == 0)
    #expect(log.indices(requestId: "r5").allSatisfy { $0 >= log.firstKeptIndex })
    #expect(log.indices(requestId: "r5").count == keep / 1000)
  }

  /// Two sources, tracebacks and blank lines: lines stay right once earlier bytes are gone.
  @Test func lineNumbersSurviveReleasedMemory() {
    let log = Self.log(keepLast: 20_000, sources: 2)
    var nextLine = [1, 1]
    var expected: [Int] = []
    for round in 0..<150 {
      for source in 0..<2 {
        var text = ""
        for k in 0..<(source == 0 ? 900 : 3) {
          expected.append(nextLine[source])
          if (round + k) % 7 == 0 {
            text += "2024-03-15 10:00:00,000 ERROR boom \(k)\n  at f (a.js:1)\n\n"
            nextLine[source] += 3
          } else {
            text += LiveFixture.json("info", k, service: "s\(source)")
            nextLine[source] += 1
          }
        }
        LiveFixture.append(log, text, source: source)
      }
    }
    #expect(log.firstKeptIndex > 100_000)
    #expect(log.writer.withLock { $0.pagesReleased } >= 1)
    #expect(log.writer.withLock { $0.segments.inMemory } <= 2 * LogWriter.arenaChunk)
    for i in log.firstKeptIndex..<log.count {
      if log.line(at: i) != expected[i] {
        Issue.record("record \(i): line \(log.line(at: i)), expected \(expected[i])")
        break
      }
    }
  }

  static let dropCases: [(isAll: Bool, matches: [Int], allCount: Int, firstKept: Int, skip: Int)] =
    [
      (true, [], 10, 0, 0),
      (true, [], 10, 4, 4),
      (true, [], 10, 12, 10),
      (false, [1, 3, 5, 7], 0, 4, 2),
      (false, [1, 3, 5, 7], 0, 5, 2),
      (false, [1, 3, 5, 7], 0, 8, 4),
      (false, [], 0, 8, 0),
    ]

  @Test(arguments: dropCases)
  func snapshotDropsRowsOfDroppedRecords(
    _ c: (isAll: Bool, matches: [Int], allCount: Int, firstKept: Int, skip: Int)
  ) {
    var snapshot = FilteredSnapshot(
      matches: c.matches, scanned: 0, total: 0, complete: true, generation: 1)
    snapshot.isAll = c.isAll
    snapshot.allCount = c.allCount
    snapshot.dropRecords(below: c.firstKept)
    #expect(snapshot.skip == c.skip)
    #expect(snapshot.droppedRows == c.skip)
    #expect(snapshot.indices.allSatisfy { $0 >= c.firstKept })
    #expect(snapshot.count == (c.isAll ? c.allCount : c.matches.count) - c.skip)
    if snapshot.count > 0 { #expect(snapshot.row(nearLogIndex: 0) == 0) }
  }

  /// Far-gone matches are released without changing the rows.
  /// Whole chunks of gone matches are released without changing the rows.
  @Test func snapshotReleasesOldMatches() {
    var snapshot = FilteredSnapshot(
      matches: (0..<200_000).map { $0 * 2 }, scanned: 0, total: 0, complete: true,
      generation: 1)
    snapshot.dropRecords(below: 300_000)
    #expect(snapshot.matchList.count == 200_000 - 2 * MatchList.chunkSize)
    #expect(snapshot.skip == 150_000 - 2 * MatchList.chunkSize)
    #expect(snapshot.droppedRows == 150_000)
    #expect(snapshot.count == 50_000)
    #expect(snapshot.index(at: 0) == 300_000)
    #expect(snapshot.row(nearLogIndex: 300_003) == 1)
  }

  /// Appends across chunk boundaries keep every entry in place.
  @Test func matchListAppendsAcrossChunks() {
    var list = MatchList()
    var expected: [Int] = []
    for size in [1, 65_535, 2, 70_000, 0, 131_072] {
      let part = (0..<size).map { expected.count + $0 }
      list.append(contentsOf: part)
      expected += part
    }
    #expect(list.count == expected.count)
    #expect(list.array == expected)
    #expect((0..<expected.count).allSatisfy { list[$0] == expected[$0] })
  }

  @Test func filtersSeeOnlyKeptRecords() {
    let log = Self.log(keepLast: 1_000)
    let observer = EngineObserver()
    let engine = FilterEngineTests.engine(log, observer)
    defer { engine.stop() }
    FilterEngineTests.log(5_000, into: log)
    let filter = FilterEngineTests.compile("level>=error")
    engine.setFilter(filter)
    let snapshot = observer.waitComplete(generation: 1, total: log.count)
    let expected = FilterEngineTests.expected(filter, log).filter {
      $0 >= log.firstKeptIndex
    }
    #expect(snapshot?.indices == expected)
    engine.setFilter(nil)
    let all = observer.waitComplete(generation: 2, total: log.count)
    #expect(all?.count == 1_000)
    #expect(all?.index(at: 0) == log.count - 1_000)
  }
}
