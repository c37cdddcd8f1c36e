import LogviewCore
import LogviewStore
import Testing

@testable import LogviewUI

/// "N new" counts records that arrived, never the rows a filter edit brings in.
@Suite struct NewWhilePausedTests {
  static func snapshot(_ matches: [Int], decided: Range<Int>, complete: Bool) -> FilteredSnapshot {
    var snapshot = FilteredSnapshot(
      matches: matches, scanned: decided.count, total: 10, complete: complete, generation: 2)
    snapshot.decided = decided
    return snapshot
  }

  /// A re-filter publishes its newest block first, then the older ones in front of it. When
  /// the newest block had no match, the older block's rows looked appended to an empty list
  /// and were counted as new (a paused `cat big.log | logview` showed "76,608 new" of 60,000
  /// records after typing a filter).
  @Test func olderRowsOfARefilterAreNotArrivals() {
    let log = LiveLog(options: NormalizerOptions(), sources: ["-"])
    let text = (0..<10).map { #"{"msg":"line \#($0)"}"# }.joined(separator: "\n") + "\n"
    Array(text.utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
    let data = ViewData(
      log: log, options: NormalizerOptions(),
      snapshot: Self.snapshot([], decided: 6..<10, complete: false))
    let older = data.update(Self.snapshot([1, 3], decided: 0..<10, complete: true))
    #expect(older.added == nil, "a replacement")
    // Records that do arrive are appended.
    var arrived = Self.snapshot([1, 3, 10], decided: 0..<11, complete: true)
    arrived.total = 11
    #expect(data.update(arrived).added == 1)
  }
}
