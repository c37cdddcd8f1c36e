import Foundation
import LogviewCore
import Testing

@testable import LogviewTriage

/// Records grouped by message pattern: wording kept apart, variable data merged, the
/// template's placeholders kept where all records agree, pieces merged to the same result
/// however the input was cut.
@Suite struct PatternMinerTests {
  static func mine(_ lines: [String]) -> PatternMiner {
    var miner = PatternMiner()
    let normalizer = Normalizer()
    for line in lines {
      Array(line.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes, needs: [.timestamp, .level, .text]) { miner.add($0) }
      }
    }
    return miner
  }

  static func record(
    _ message: String, level: String = "info", service: String = "api", at second: Int = 0
  )
    -> String
  {
    let time = "2024-03-15T10:00:\(second < 10 ? "0" : "")\(second)Z"
    let quoted = message.replacingOccurrences(of: "\"", with: "\\\"")
    return #"{"time":"\#(time)","level":"\#(level)","service":"\#(service)","msg":"\#(quoted)"}"#
  }

  static func templates(_ miner: PatternMiner) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: miner.patterns.map { ($0.template.string, $0.count) })
  }

  @Test(arguments: [
    // Variable data of one kind: the placeholder stays.
    (["reserved 3 items", "reserved 12 items"], ["reserved <num> items": 2]),
    // Wording differs: never merged.
    (
      ["reserved 1 item", "reserved 2 items"],
      ["reserved <num> item": 1, "reserved <num> items": 1]
    ),
    (
      ["user alice logged in", "user bob logged in"],
      ["user alice logged in": 1, "user bob logged in": 1]
    ),
    // Different kinds at one place: the wildcard.
    (["lookup of 42 failed", "lookup of usr_2160 failed"], ["lookup of <*> failed": 2]),
    (["key=12 missing", "key=ord_81x9 missing", "key=13 missing"], ["key=<*> missing": 3]),
    // White space does not make a pattern.
    (["cache  hit ", "cache hit"], ["cache hit": 2]),
    // Token counts differ.
    (
      ["retry in 5 s", "retry in 5 s again"], ["retry in <num> s": 1, "retry in <num> s again": 1]
    ),
  ])
  func grouping(_ messages: [String], _ expected: [String: Int]) {
    let miner = Self.mine(messages.map { Self.record($0) })
    #expect(Self.templates(miner) == expected)
    #expect(miner.records == messages.count)
  }

  @Test func countsLevelsServicesAndTimes() throws {
    let miner = Self.mine([
      Self.record("timed out after 30 ms", level: "error", service: "pay", at: 5),
      Self.record("timed out after 31 ms", level: "warn", service: "pay", at: 1),
      Self.record("timed out after 2 ms", level: "error", service: "shop", at: 9),
      "timed out after 7 ms",
    ])
    let stats = try #require(miner.patterns.first)
    #expect(miner.patterns.count == 1)
    #expect(stats.count == 4)
    #expect(stats.errors == 2)
    #expect(stats.count(level: .warn) == 1)
    #expect(stats.count(level: nil) == 1)
    #expect(stats.services.map { String(decoding: $0, as: UTF8.self) } == ["pay", "shop", ""])
    #expect(stats.serviceCounts == [2, 1, 1])
    #expect(stats.first == 1_710_496_801_000_000_000)
    #expect(stats.last == 1_710_496_809_000_000_000)
    #expect(PatternSummary.services(stats) == "pay,shop")
  }

  /// The pattern of a record is its ID whatever else was mined: the filter's
  /// `MessagePattern.id` agrees with the miner's, and with the template's text.
  @Test func idsAgreeWithTheFilterAndTheTemplate() throws {
    let miner = Self.mine([
      Self.record("lookup of 42 failed"), Self.record("lookup of u_9x2 failed"),
    ])
    let stats = try #require(miner.patterns.first)
    #expect(stats.id == MessagePattern.id(ofTemplate: "lookup of 42 failed"))
    #expect(stats.id == MessagePattern.id(ofTemplate: stats.template.string))
    #expect(stats.id == MessagePattern.id(ofTemplate: "lookup of <id> failed"))
    #expect(stats.id != MessagePattern.id(ofTemplate: "lookup of <*> done"))
    #expect(MessagePattern.parseID(stats.idText) == stats.id)
    #expect(stats.idText.count == 8)
  }

  /// Mining pieces and merging them gives what mining the whole gives.
  @Test func piecesMergeToTheWhole() {
    let lines = (0..<60).map { i in
      Self.record(
        i % 3 == 0 ? "order ord_\(i)x7 paid" : i % 3 == 1 ? "order \(i) paid" : "cart \(i) empty",
        level: i % 4 == 0 ? "error" : "info", service: "s\(i % 2)", at: i % 60)
    }
    let whole = Self.mine(lines)
    var merged = Self.mine(Array(lines[..<17]))
    merged.merge(Self.mine(Array(lines[17..<40])))
    merged.merge(Self.mine(Array(lines[40...])))
    #expect(Self.templates(merged) == Self.templates(whole))
    #expect(merged.records == whole.records)
    let a = whole.ranked(errorsFirst: false).map { ($0.id, $0.levels, $0.first, $0.last) }
    let b = merged.ranked(errorsFirst: false).map { ($0.id, $0.levels, $0.first, $0.last) }
    #expect(a.map(\.0) == b.map(\.0))
    #expect(a.map(\.1) == b.map(\.1))
    #expect(a.map(\.2) == b.map(\.2))
    #expect(a.map(\.3) == b.map(\.3))
  }

  @Test func rankedByCountOrErrors() {
    let miner = Self.mine(
      Array(repeating: Self.record("cache hit"), count: 3)
        + [Self.record("db down", level: "error"), Self.record("db down", level: "fatal")]
        + [Self.record("slow", level: "warn")])
    #expect(
      miner.ranked(errorsFirst: false).map(\.template.string) == ["cache hit", "db down", "slow"])
    #expect(
      miner.ranked(errorsFirst: true).map(\.template.string) == ["db down", "cache hit", "slow"])
  }

  /// A steady rate is a flat line: the miner's 10 s buckets are not a whole number of
  /// parts, and each part gets its share of the buckets it overlaps (whole buckets gave
  /// parts of 60 and 70 records, drawn as stripes).
  @Test func steadyRateIsFlat() throws {
    let lines = (0..<1000).map { i in
      #"{"time":\#(1_710_496_800_000 + i * 1000),"level":"info","msg":"tick"}"#
    }
    let summary = PatternSummary(Self.mine(lines), errorsFirst: false)
    let rate = summary.rate(try #require(summary.patterns.first))
    #expect(rate.allSatisfy { (61...64).contains($0) }, "\(rate)")
  }

  /// The rate line puts each record in its part of the span.
  @Test func rateOverTheSpan() throws {
    let miner = Self.mine(
      [Self.record("a", at: 0), Self.record("b", at: 59), Self.record("b", at: 58)])
    let summary = PatternSummary(miner, errorsFirst: false)
    let b = try #require(summary.patterns.first)
    #expect(b.template.string == "b")
    let rate = summary.rate(b)
    #expect(rate.count == PatternSummary.rateBuckets)
    #expect(rate.last == 2)
    #expect(rate.reduce(0, +) == 2)
    #expect(summary.share(b) == "66.7%")
  }
}
