import LogviewCore

/// One message pattern's records: how many, at which levels, from which services, when, and
/// its template (`PatternMiner` keeps one per pattern).
public struct PatternStats: Sendable {
  /// The pattern's hash (`MessagePattern.Key.pattern`).
  let key: UInt64
  public var id: UInt32 { MessagePattern.Key(pattern: key, variant: 0).id }
  public var idText: String { MessagePattern.idText(id) }
  public private(set) var template: PatternTemplate
  public private(set) var count = 0
  /// Records per level: index 0 without a level, then `Level.rawValue`.
  public private(set) var levels = [Int](repeating: 0, count: 7)
  /// Services in order of first appearance (at most `maxServices`; empty: none) and their
  /// records; records of further services are counted in `otherServices`.
  public private(set) var services: [[UInt8]] = []
  public private(set) var serviceCounts: [Int] = []
  public private(set) var otherServices = 0
  public private(set) var first: Int64?
  public private(set) var last: Int64?
  /// The records' times, for the rate line.
  public private(set) var times = TimeHistogram(capacity: 128)
  /// Folded forms already merged into the template (a few; others are merged again).
  private var variants: [UInt64] = []

  static let maxServices = 8

  init(key: MessagePattern.Key, folded: UnsafeRawBufferPointer) {
    self.key = key.pattern
    template = PatternTemplate(folded: folded)
    variants = [key.variant]
  }

  /// Records at error or fatal level.
  public var errors: Int { levels[Int(Level.error.rawValue)] + levels[Int(Level.fatal.rawValue)] }

  public func count(level: Level?) -> Int { levels[Int(level?.rawValue ?? 0)] }

  /// One record of this pattern, whose folded message is `folded`.
  @inline(__always)
  mutating func add(
    _ record: RecordView, key: MessagePattern.Key, folded: UnsafeRawBufferPointer
  ) {
    count += 1
    levels[Int(record.level?.rawValue ?? 0)] += 1
    if let time = record.timestamp {
      if first.map({ time < $0 }) ?? true { first = time }
      if last.map({ time > $0 }) ?? true { last = time }
    }
    times.add(time: record.timestamp, level: record.level)
    if record.withText(of: .service, { addService($0, count: 1) }) == nil {
      addService(UnsafeRawBufferPointer(start: nil, count: 0), count: 1)
    }
    if !variants.contains(key.variant) {
      if variants.count < 8 { variants.append(key.variant) }
      template.merge(PatternTemplate(folded: folded))
    }
  }

  /// The same pattern's records from another piece of input.
  mutating func merge(_ other: PatternStats) {
    count += other.count
    for i in levels.indices { levels[i] += other.levels[i] }
    for (name, n) in zip(other.services, other.serviceCounts) {
      name.withUnsafeBytes { addService($0, count: n) }
    }
    otherServices += other.otherServices
    if let time = other.first, first.map({ time < $0 }) ?? true { first = time }
    if let time = other.last, last.map({ time > $0 }) ?? true { last = time }
    times.merge(other.times)
    template.merge(other.template)
  }

  private mutating func addService(_ name: UnsafeRawBufferPointer, count n: Int) {
    for i in services.indices where services[i].count == name.count {
      if services[i].withUnsafeBytes({ $0.elementsEqual(name) }) {
        serviceCounts[i] += n
        return
      }
    }
    guard services.count < Self.maxServices else {
      otherServices += n
      return
    }
    services.append(Array(name))
    serviceCounts.append(n)
  }

  /// Records per bucket of `buckets` equal parts of `start...end` (the rate line). The
  /// records of each of `times`' buckets are shared among the parts it overlaps, by time:
  /// its buckets are seldom a whole number of parts, and a flat rate would show stripes.
  public func rate(buckets: Int, from start: Int64, to end: Int64) -> [Int] {
    let parts = max(1, buckets)
    var shares = [Double](repeating: 0, count: parts)
    let span = Double(max(1, end - start + 1))
    for index in 0..<times.bucketCount {
      let total = times.total(at: index)
      guard total > 0 else { continue }
      // The bucket's time within the span, in parts, kept inside it.
      let from = Double(times.start(at: index) - start) / span * Double(parts)
      let to = Double(times.start(at: index) + times.width - start) / span * Double(parts)
      let low = min(max(from, 0), Double(parts))
      let high = min(max(to, 0), Double(parts))
      guard high > low else {
        shares[min(parts - 1, max(0, Int(low)))] += Double(total)
        continue
      }
      var part = Int(low)
      while part < parts, Double(part) < high {
        let overlap = min(high, Double(part + 1)) - max(low, Double(part))
        shares[part] += Double(total) * overlap / (high - low)
        part += 1
      }
    }
    // A part with any record shows one at least.
    return shares.map { $0 > 0 ? max(1, Int($0.rounded())) : 0 }
  }
}
