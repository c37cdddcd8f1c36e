import LogviewCore

/// What the patterns report and the explorer's patterns pane show of a miner: the patterns
/// ranked, and each one's share, levels, services and rate line over the whole span.
public struct PatternSummary: Sendable {
  /// Buckets of each pattern's rate line.
  public static let rateBuckets = 16

  public let patterns: [PatternStats]
  /// Records mined (the shares' whole).
  public let records: Int
  /// Records of patterns not kept (past `PatternMiner.maxPatterns`).
  public let overflow: Int
  /// The earliest and latest time of any record mined.
  public let first: Int64?
  public let last: Int64?

  public init(_ miner: PatternMiner, errorsFirst: Bool) {
    patterns = miner.ranked(errorsFirst: errorsFirst)
    records = miner.records
    overflow = miner.overflow
    first = miner.first
    last = miner.last
  }

  /// "18.2%", "<0.1%".
  public func share(_ stats: PatternStats) -> String {
    let tenths = records == 0 ? 0 : (stats.count * 1000 + records / 2) / records
    if tenths == 0 { return "<0.1%" }
    return "\(tenths / 10).\(tenths % 10)%"
  }

  /// The pattern's records in `rateBuckets` equal parts of the whole span.
  public func rate(_ stats: PatternStats) -> [Int] {
    guard let first, let last else { return [] }
    return stats.rate(buckets: Self.rateBuckets, from: first, to: last)
  }

  /// The levels the pattern's records have, most severe first, records without one last.
  public static func levels(_ stats: PatternStats) -> [(level: Level?, count: Int)] {
    let order: [Level?] = Level.allCases.reversed() + [nil]
    return order.compactMap { level in
      let count = stats.count(level: level)
      return count > 0 ? (level, count) : nil
    }
  }

  /// "E", "W", "I" … for a level, "-" for none.
  public static func letter(_ level: Level?) -> String {
    level.map { String($0.name.prefix(1)).uppercased() } ?? "-"
  }

  /// The most frequent services' names (at most `limit`), then "+N" for the rest;
  /// "-" when no record names one.
  public static func services(_ stats: PatternStats, limit: Int = 2, separator: String = ",")
    -> String
  {
    let named = zip(stats.services, stats.serviceCounts).filter { !$0.0.isEmpty }
      .sorted { $0.1 > $1.1 }
    guard !named.isEmpty else { return "-" }
    let shown = named.prefix(limit).map {
      TextSanitizer.sanitized(String(decoding: $0.0, as: UTF8.self))
    }
    let more = named.count - shown.count + (stats.otherServices > 0 ? 1 : 0)
    return shown.joined(separator: separator) + (more > 0 ? " +\(more)" : "")
  }
}
