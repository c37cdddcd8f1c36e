import LogviewCore

/// Groups records by message pattern (`MessagePattern`): each record's message folded by
/// `VariableText`, its pattern found by the hash of its skeleton, and the pattern's counts,
/// levels, services, times and template kept (`PatternStats`). Records whose wording
/// differs are never merged; where only the kinds of variable data differ the template
/// shows `<*>`. A piece of input mined on each core is merged into one miner; the result
/// does not depend on how the input was cut.
///
/// This is the Drain approach (group by token count and leading tokens, then by
/// similarity to a template) with the similarity threshold at exactly the wording: then
/// the token count, the leading tokens and the similarity test all come down to equal
/// skeletons, which one hash lookup finds.
public struct PatternMiner: Sendable {
  /// Patterns kept at most; records of further patterns are counted in `overflow`.
  public static let maxPatterns = 20_000

  public init() {}

  /// Pattern slots by hash.
  private var index: [UInt64: Int] = [:]
  public private(set) var patterns: [PatternStats] = []
  /// Records mined.
  public private(set) var records = 0
  /// Records of patterns past `maxPatterns`.
  public private(set) var overflow = 0
  public private(set) var first: Int64?
  public private(set) var last: Int64?
  /// Scratch space for each record's folded message.
  private var folded: [UInt8] = []

  /// Adds one record. Reads its message, level, service and time.
  public mutating func add(_ record: RecordView) {
    records += 1
    if let time = record.timestamp {
      if first.map({ time < $0 }) ?? true { first = time }
      if last.map({ time > $0 }) ?? true { last = time }
    }
    var scratch = folded
    folded = []
    let key = MessagePattern.withMessage(of: record) {
      MessagePattern.key(ofMessage: $0, folded: &scratch)
    }
    scratch.withUnsafeBytes { add(record, key: key, folded: $0) }
    folded = scratch
  }

  private mutating func add(
    _ record: RecordView, key: MessagePattern.Key, folded: UnsafeRawBufferPointer
  ) {
    if let slot = index[key.pattern] {
      patterns[slot].add(record, key: key, folded: folded)
      return
    }
    guard patterns.count < Self.maxPatterns else {
      overflow += 1
      return
    }
    index[key.pattern] = patterns.count
    var stats = PatternStats(key: key, folded: folded)
    stats.add(record, key: key, folded: folded)
    patterns.append(stats)
  }

  /// Adds the patterns mined from another piece of the input.
  public mutating func merge(_ other: PatternMiner) {
    records += other.records
    overflow += other.overflow
    if let time = other.first, first.map({ time < $0 }) ?? true { first = time }
    if let time = other.last, last.map({ time > $0 }) ?? true { last = time }
    for stats in other.patterns {
      if let slot = index[stats.key] {
        patterns[slot].merge(stats)
      } else if patterns.count < Self.maxPatterns {
        index[stats.key] = patterns.count
        patterns.append(stats)
      } else {
        overflow += stats.count
      }
    }
  }

  /// The patterns, most records first; with `errorsFirst`, most error and fatal records
  /// first (then most records). Ties go by ID, so the order is the same in every run.
  public func ranked(errorsFirst: Bool) -> [PatternStats] {
    patterns.sorted { a, b in
      if errorsFirst, a.errors != b.errors { return a.errors > b.errors }
      if a.count != b.count { return a.count > b.count }
      return a.id < b.id
    }
  }
}
