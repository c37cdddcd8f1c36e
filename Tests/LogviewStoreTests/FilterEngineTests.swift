import Dispatch
import Glibc
import LogviewCore
import LogviewQuery
import LogviewTestSupport
import Synchronization
import Testing

@testable import LogviewStore

/// Collects what a FilterEngine publishes and lets a test wait for a condition on it.
final class EngineObserver: @unchecked Sendable {
  private let changed = DispatchSemaphore(value: 0)
  private let lock = NSLockLike()
  private var seen: [(generation: Int, complete: Bool, scanned: Int)] = []
  var engine: FilterEngine?
  /// Runs on the engine thread after each publication (before the test sees it).
  var hook: ((FilteredSnapshot) -> Void)?

  func onChange() {
    if let snapshot = engine?.snapshot() {
      lock.with { seen.append((snapshot.generation, snapshot.complete, snapshot.scanned)) }
      hook?(snapshot)
    }
    changed.signal()
  }

  var publications: [(generation: Int, complete: Bool, scanned: Int)] { lock.with { seen } }

  /// Waits (up to 5 s, woken by publications) until `condition` holds for the snapshot.
  func wait(_ condition: (FilteredSnapshot) -> Bool) -> FilteredSnapshot? {
    let deadline = DispatchTime.now() + .seconds(5)
    while true {
      if let snapshot = engine?.snapshot(), condition(snapshot) { return snapshot }
      if changed.wait(timeout: deadline) == .timedOut { return nil }
    }
  }

  func waitComplete(generation: Int, total: Int) -> FilteredSnapshot? {
    wait { $0.generation == generation && $0.complete && $0.total == total }
  }
}

@Suite struct FilterEngineTests {
  /// A new filter replaces a regex filter stuck on costly records within 100 ms: the scan
  /// looks for a newer filter every 32 records, not every 1,024 (about 2 s at the limit).
  @Test func costlyRegexGivesWayToTheNextFilter() {
    let log = LiveLog(options: NormalizerOptions(), sources: ["app.log"])
    let costly = #"{"msg":"\#(String(repeating: "a", count: 40))!"}"# + "\n"
    Array(String(repeating: costly, count: 4_000).utf8).withUnsafeBytes {
      _ = log.append($0, source: 0)
    }
    let engine = FilterEngine(log: log) {}
    defer { engine.stop() }
    engine.setFilter(try? Query.parse("/(?=a)(a+)+$/").compile(now: 0, zone: .utc))
    usleep(50_000)
    let started = ContinuousClock.now
    engine.setFilter(try? Query.parse("aaa").compile(now: 0, zone: .utc))
    #expect(
      waitUntil {
        let snapshot = engine.snapshot()
        return snapshot.complete && snapshot.scanned == log.count
      })
    #expect(ContinuousClock.now - started < .milliseconds(400))
  }

  static let services = ["api", "payment", "auth"]

  /// A log with a mix of levels, services, request IDs, timestamps and raw lines.
  @discardableResult
  static func log(_ n: Int, from start: Int = 0, into log: LiveLog? = nil) -> LiveLog {
    let log = log ?? LiveFixture.log(pieceSize: 4096)
    var text = ""
    for i in start..<(start + n) {
      if i % 17 == 0 {
        text += "2024-03-15 10:00:00,123 ERROR gateway timeout \(i)\n"
        continue
      }
      let level = ["debug", "info", "info", "warn", "error"][i % 5]
      let ts = i % 4 == 0 ? nil : "2024-03-15T10:\(10 + i % 40):00Z"
      text += LiveFixture.json(
        level, i, rid: i % 3 == 0 ? "req_\(i % 11)" : nil, ts: ts, service: services[i % 3])
    }
    LiveFixture.append(log, text)
    return log
  }

  /// The plain sequential answer.
  static func expected(_ filter: Filter?, _ log: LiveLog) -> [Int] {
    let normalizer = Normalizer()
    return (0..<log.count).filter { i in
      guard let filter else { return true }
      return log.withText(at: i) { text, first in
        normalizer.withRecord(text, firstLineLength: first) { filter.matches($0) }
      }
    }
  }

  static func compile(_ query: String) -> Filter {
    try! Query.parse(query).compile(now: 1_710_497_400_000_000_000, zone: .utc)
  }

  static let tuning = FilterWorker.Tuning(firstBlock: 64, maxRound: 512, parallelMinimum: 256)

  static func engine(_ log: LiveLog, _ observer: EngineObserver) -> FilterEngine {
    let engine = FilterEngine(log: log, tuning: tuning) {
      observer.onChange()
    }
    observer.engine = engine
    return engine
  }

  static let queries = [
    "level>=error", "not level=info", "service=payment", "timeout", "rid=req_3", "rid=3",
    "ts>=2024-03-15T10:30:00Z", "level>=warn service in (api, auth) msg~event", "", "nothing-here",
  ]

  /// Read-only tests share one log (readers need no lock).
  static let shared = log(1500)

  @Test(arguments: queries)
  func resultsEqualSequentialFilter(_ query: String) {
    let log = Self.shared
    let observer = EngineObserver()
    let engine = Self.engine(log, observer)
    defer { engine.stop() }
    let filter = Self.compile(query)
    engine.setFilter(filter)
    let snapshot = observer.waitComplete(generation: 1, total: log.count)
    #expect(snapshot?.indices == Self.expected(filter, log))
    #expect(snapshot?.scanned == log.count)
    #expect(snapshot?.isAll == filter.matchesEverything)
  }

  @Test func nilFilterMatchesEverything() {
    let log = Self.log(500)
    let observer = EngineObserver()
    let engine = Self.engine(log, observer)
    defer { engine.stop() }
    let initial = observer.waitComplete(generation: 0, total: 500)
    #expect(initial?.isAll == true)
    #expect(initial?.indices == Array(0..<500))
    // No index is materialized for "everything".
    #expect(initial?.matches.isEmpty == true)
  }

  /// Newest records are published first: the first partial result is the tail's.
  @Test func partialResultsStartAtTheTail() throws {
    let log = Self.shared
    let observer = EngineObserver()
    let engine = Self.engine(log, observer)
    defer { engine.stop() }
    let filter = Self.compile("level>=warn")
    // Caught on the engine thread as it is published: the test thread may only ever see the
    // finished result.
    let firstPublished = Mutex<FilteredSnapshot?>(nil)
    observer.hook = { snapshot in
      firstPublished.withLock { first in
        if first == nil, snapshot.generation == 1, snapshot.scanned > 0 { first = snapshot }
      }
    }
    engine.setFilter(filter)
    let all = Self.expected(filter, log)
    #expect(observer.waitComplete(generation: 1, total: log.count)?.matches == all)
    let first = try #require(firstPublished.withLock { $0 })
    #expect(!first.complete)
    #expect(first.matches == Array(all.suffix(first.matches.count)))
    #expect(first.matches.allSatisfy { Int($0) >= log.count - first.scanned })
  }

  /// The new filter is set from the engine's own callback right after the first partial
  /// publication, so the old scan must notice it at its next block and never complete.
  @Test func newFilterCancelsRunningScan() {
    let log = Self.shared
    let observer = EngineObserver()
    let engine = Self.engine(log, observer)
    defer { engine.stop() }
    let first = Self.compile("service=payment")
    let second = Self.compile("level>=error")
    let switched = Atomic<Bool>(false)
    observer.hook = { snapshot in
      if snapshot.generation == 1, snapshot.scanned > 0,
        !switched.exchange(true, ordering: .relaxed)
      {
        observer.engine?.setFilter(second)
      }
    }
    _ = observer.waitComplete(generation: 0, total: log.count)
    engine.setFilter(first)
    let final = observer.waitComplete(generation: 2, total: log.count)
    #expect(final?.indices == Self.expected(second, log))
    let old = observer.publications.filter { $0.generation == 1 }
    #expect(old.count == 1)
    #expect(!old.contains { $0.complete })
    #expect(engine.worker.cancelledScans.load(ordering: .relaxed) == 1)
  }

  @Test(arguments: ["level>=warn", "timeout", ""])
  func catchUpFiltersAppendedRecords(_ query: String) {
    let log = Self.log(700)
    let observer = EngineObserver()
    let engine = Self.engine(log, observer)
    defer { engine.stop() }
    let filter = Self.compile(query)
    engine.setFilter(filter)
    #expect(observer.waitComplete(generation: 1, total: 700) != nil)
    for chunk in 0..<3 {
      _ = Self.log(300, from: 700 + chunk * 300, into: log)
      engine.catchUp()
    }
    let snapshot = observer.waitComplete(generation: 1, total: 1600)
    #expect(snapshot?.indices == Self.expected(filter, log))
  }

  @Test func stopEndsPublications() {
    let log = Self.log(300)
    let observer = EngineObserver()
    let engine = Self.engine(log, observer)
    _ = observer.waitComplete(generation: 0, total: 300)
    engine.stop()
    let count = observer.publications.count
    engine.setFilter(Self.compile("level>=error"))
    engine.catchUp()
    engine.stop()
    #expect(observer.publications.count == count)
  }
}
