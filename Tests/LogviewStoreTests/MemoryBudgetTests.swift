import Foundation
import LogviewCore
import LogviewSystem
import Testing

@testable import LogviewStore

/// --max-memory is one budget for the index, the match lists and copied input: past it
/// the oldest records go, visibly, and what is kept reads right. (Before, only copied input
/// was capped: `yes | logview --max-memory 64M` reached 6.6 GB.)
@Suite struct MemoryBudgetTests {
  static let budget = MemoryBudget(bytes: 48 << 20)

  static func log(
    budget: MemoryBudget = MemoryBudgetTests.budget, spillDirectory: String = "/tmp",
    recordCapacity: Int = RecordPages.maxCapacity
  ) -> LiveLog {
    LiveLog(
      options: NormalizerOptions(), sources: ["-"], pieceSize: 1 << 16, parallelAppend: 1 << 15,
      budget: budget, recordCapacity: recordCapacity, spillDirectory: spillDirectory)
  }

  /// Appends `rounds` MB of numbered records; returns how many.
  static func flood(_ log: LiveLog, rounds: Int) -> Int {
    var n = 0
    for _ in 0..<rounds {
      var text = ""
      while text.utf8.count < 1 << 20 {
        text += LiveFixture.json(n % 10 == 0 ? "error" : "info", n)
        n += 1
      }
      LiveFixture.append(log, text)
    }
    return n
  }

  /// (spill directory, expected to spill): with a spill file, or without one (then the
  /// copied input stays in memory and counts against the same budget).
  static let spills: [(String, Bool)] = [("/tmp", true), ("/nonexistent-logview-spill", false)]

  @Test(arguments: spills)
  func oldestRecordsGoAndTheBudgetHolds(_ directory: String, _ spills: Bool) {
    let log = Self.log(spillDirectory: directory)
    let appended = Self.flood(log, rounds: 32)
    #expect(log.count == appended)
    let usage = log.writer.withLock { MemoryBudget.usage(of: $0) }
    #expect(usage <= Self.budget.limit, "\(usage >> 20) MB held")
    #expect(log.firstKeptIndex > 0)
    #expect(log.firstKeptIndex % RecordPage.size == 0)
    let status = log.status
    #expect(status.droppedBy == .memory(48 << 20))
    #expect((status.spilledBytes > 0) == spills)
    #expect((status.spillFailure != nil) == !spills)
    if !spills {
      #expect(status.spillFailure?.contains("/nonexistent-logview-spill: no such file") == true)
    }
    #expect(status.levelCounts.reduce(0, +) == log.count - log.firstKeptIndex)
    for i in stride(from: log.firstKeptIndex, to: log.count, by: 4_999) {
      #expect(
        LiveFixture.text(log, i) + "\n" == LiveFixture.json(i % 10 == 0 ? "error" : "info", i))
    }
    // Dropped records read as empty, never as someone else's bytes.
    #expect(LiveFixture.text(log, 0) == "")
    #expect(log.record(at: 0).level == nil)
  }

  /// Dropped pages and chunks are freed once the grace period is over (their addresses
  /// and page tables grew without end: 8 GB of addresses after 40 s of `yes`).
  @Test func droppedBlocksAreFreedAfterTheGracePeriod() {
    let log = Self.log()
    _ = Self.flood(log, rounds: 32)
    let pending = log.writer.withLock { $0.retired.pending }
    #expect(pending > 0)
    log.writer.withLock { $0.retired.reclaim(now: SystemClock.monotonicNanos()) }
    #expect(log.writer.withLock { $0.retired.pending } == pending, "still in their grace period")
    log.writer.withLock {
      $0.retired.reclaim(now: SystemClock.monotonicNanos() + RetiredMemory.grace)
    }
    #expect(log.writer.withLock { $0.retired.pending } == 0)
    #expect(LiveFixture.text(log, 0) == "")
    #expect(LiveFixture.text(log, log.count - 1).hasPrefix("{\"level\""))
  }

  /// Under the budget nothing is dropped, whatever the size of the log.
  @Test func underTheBudgetNothingGoes() {
    let log = Self.log(budget: MemoryBudget(bytes: 1 << 30))
    let appended = Self.flood(log, rounds: 4)
    #expect(log.firstKeptIndex == 0)
    #expect(log.count == appended)
    #expect(log.status.droppedBy == .keepLast)
  }

  /// At the record limit the log keeps what it has, copies nothing more and counts what it
  /// could not keep (the status line says so); before, later input vanished unsaid while
  /// the copies kept growing.
  @Test func theRecordLimitIsCountedNotSilent() {
    let log = Self.log(budget: .unlimited, recordCapacity: 1_000)
    let appended = Self.flood(log, rounds: 1)
    #expect(log.count == 1_000)
    #expect(log.status.lostRecords == appended - 1_000)
    let copied = log.byteCount
    LiveFixture.append(log, LiveFixture.json("info", 1))
    #expect(log.byteCount == copied)
    #expect(log.status.lostRecords == appended - 999)
  }

  /// Records are numbered without end: page slots of dropped records are taken again, so
  /// only the records kept at once are limited. A log with 4 page slots (262,144 records)
  /// takes 600,000 under --keep-last and reads the newest right; before, indexing stopped
  /// for good at the table's end (2^31 records, about 10 minutes of `yes`).
  @Test func pageSlotsAreReusedPastTheRing() {
    let log = LiveLog(
      options: NormalizerOptions(), sources: ["-"], pieceSize: 1 << 16, parallelAppend: 1 << 15,
      keepLast: 100_000, pageSlots: 4)
    var n = 0
    while n < 600_000 {
      var text = ""
      for _ in 0..<20_000 {
        text += LiveFixture.json("info", n, rid: "r\(n % 1000)")
        n += 1
      }
      LiveFixture.append(log, text)
    }
    #expect(log.count == 600_000)
    #expect(log.status.lostRecords == 0)
    #expect(log.firstKeptIndex == 500_000)
    for i in stride(from: 500_000, to: 600_000, by: 9_973) {
      #expect(LiveFixture.text(log, i) + "\n" == LiveFixture.json("info", i, rid: "r\(i % 1000)"))
    }
    // The request index reads the kept pages through the ring, and no dropped one.
    #expect(log.indices(requestId: "r5") == Array(stride(from: 500_005, to: 600_000, by: 1000)))
  }

  /// The smallest budget --max-memory takes still holds what the log cannot drop (the page
  /// and chunks being written) beside the reserve: below it, the cap could not hold.
  @Test func theMinimumBudgetCanHold() {
    #expect(MemoryBudget.minimum - MemoryBudget.reserve >= MemoryBudget.floor)
    #expect(
      MemoryBudget(bytes: MemoryBudget.minimum).limit + MemoryBudget.reserve <= MemoryBudget.minimum
    )
    #expect(MemoryBudget.systemDefault.bytes >= 1 << 30)
  }
}
