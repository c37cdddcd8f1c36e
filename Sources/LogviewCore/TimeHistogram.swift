/// Records per time bucket, counted per level, over a list of (time, level) given one at a
/// time: the explorer's histogram and the headless `--report histogram`. No terminal, no I/O.
///
/// Bucket widths come from a fixed ladder (1 s ... 1 d) in which every width divides every
/// wider one, so a histogram can be re-bucketed to a wider step by adding neighbours, without
/// the records. Bucket edges fall on multiples of the width in local time (`shift`: the zone's
/// offset in nanoseconds), so hour and day buckets start at the hour and at midnight.
/// Buckets are dense from the earliest to the latest record's; when they would pass
/// `capacity`, the histogram widens itself to the next step that fits.
public struct TimeHistogram: Equatable, Sendable {
  static let second: Int64 = 1_000_000_000
  /// Bucket widths in nanoseconds, narrowest first.
  public static let ladder: [Int64] = [
    1, 5, 10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400,
  ].map { $0 * second }
  /// Counts kept per bucket: records without a level, then trace ... fatal (Level.rawValue).
  public static let slots = 7
  /// Storage per bucket: the level slots, then the bucket's total.
  static let stride = 8

  /// Index into `ladder` of the bucket width.
  public private(set) var step: Int
  public let shift: Int64
  /// The most buckets held; past it the histogram widens.
  public let capacity: Int
  /// Records counted in a bucket.
  public private(set) var timed = 0
  /// Records left out: no time (or one too far out to bucket at the widest step).
  public private(set) var untimed = 0
  /// The most records in one bucket (scales the bars).
  public private(set) var peak = 0
  /// Records counted per level slot (as in a bucket), over all buckets.
  private var levelTotals = [Int](repeating: 0, count: TimeHistogram.slots)
  /// Bucket number (local time / width) of `counts[0]`; storage may start before `low`.
  private var origin: Int64 = 0
  /// Bucket numbers of the earliest and latest record counted (low > high: none).
  private var low: Int64 = 1
  private var high: Int64 = 0
  private var counts: [UInt32] = []

  public init(step: Int = 0, shift: Int64 = 0, capacity: Int = 1 << 17) {
    self.step = min(max(0, step), Self.ladder.count - 1)
    self.shift = shift
    self.capacity = max(1, capacity)
  }

  public var width: Int64 { Self.ladder[step] }

  /// Buckets from the earliest record's to the latest record's.
  public var bucketCount: Int { low > high ? 0 : Int(high - low + 1) }

  /// Records of `level` (nil: without a level) in bucket `index` (0 is the earliest).
  public func count(at index: Int, level: Level?) -> Int {
    guard index >= 0, index < bucketCount else { return 0 }
    return Int(counts[slot(of: low + Int64(index)) + Int(level?.rawValue ?? 0)])
  }

  /// Records in bucket `index`.
  public func total(at index: Int) -> Int {
    guard index >= 0, index < bucketCount else { return 0 }
    return Int(counts[slot(of: low + Int64(index)) + Self.slots])
  }

  /// Records of `level` in every bucket.
  public func count(level: Level?) -> Int { levelTotals[Int(level?.rawValue ?? 0)] }

  /// UTC nanoseconds where bucket `index` starts.
  public func start(at index: Int) -> Int64 {
    (low + Int64(index)) * width - shift
  }

  /// The bucket holding `time`, which may lie outside 0..<bucketCount.
  public func index(of time: Int64) -> Int? {
    guard let number = bucketNumber(time, width: width) else { return nil }
    return Int(number - low)
  }

  /// Counts one record.
  public mutating func add(time: Int64?, level: Level?) {
    guard let time, var number = bucketNumber(time, width: width) else {
      untimed += 1
      return
    }
    if bucketCount > 0, max(high, number) - min(low, number) >= Int64(capacity) {
      guard widen(toInclude: time) else {
        untimed += 1
        return
      }
      number = bucketNumber(time, width: width)!
    }
    place(number)
    let base = slot(of: number)
    let level = Int(level?.rawValue ?? 0)
    counts[base + level] &+= 1
    counts[base + Self.slots] &+= 1
    levelTotals[level] += 1
    timed += 1
    peak = max(peak, Int(counts[base + Self.slots]))
  }

  /// The same records in buckets of `ladder[step]` (not narrower than this one's).
  public func widened(to step: Int) -> TimeHistogram {
    let step = min(max(step, self.step), Self.ladder.count - 1)
    guard step != self.step else { return self }
    var wide = TimeHistogram(step: step, shift: shift, capacity: capacity)
    wide.untimed = untimed
    wide.timed = timed
    wide.levelTotals = levelTotals
    guard bucketCount > 0 else { return wide }
    let ratio = Self.ladder[step] / width
    wide.origin = floorDiv(low, ratio)
    wide.low = wide.origin
    wide.high = floorDiv(high, ratio)
    wide.counts = [UInt32](repeating: 0, count: wide.bucketCount * Self.stride)
    for number in low...high {
      let from = slot(of: number)
      let to = wide.slot(of: floorDiv(number, ratio))
      for k in 0..<Self.stride { wide.counts[to + k] &+= counts[from + k] }
    }
    for index in 0..<wide.bucketCount { wide.peak = max(wide.peak, wide.total(at: index)) }
    return wide
  }

  /// Adds the counts of `other` (same shift), both at the wider of the two steps, and wider
  /// still when their buckets together would pass `capacity`: histograms of pieces of the
  /// input counted on several cores make one.
  public mutating func merge(_ other: TimeHistogram) {
    var other = other
    if other.step > step { self = widened(to: other.step) }
    if step > other.step { other = other.widened(to: step) }
    untimed += other.untimed
    guard other.bucketCount > 0 else { return }
    while bucketCount > 0, step < Self.ladder.count - 1,
      max(high, other.high) - min(low, other.low) >= Int64(capacity)
    {
      self = widened(to: step + 1)
      other = other.widened(to: step)
    }
    for number in other.low...other.high {
      place(number)
      let to = slot(of: number)
      let from = other.slot(of: number)
      for k in 0..<Self.stride { counts[to + k] &+= other.counts[from + k] }
      peak = max(peak, Int(counts[to + Self.slots]))
    }
    for k in 0..<Self.slots { levelTotals[k] += other.levelTotals[k] }
    timed += other.timed
  }

  /// The narrowest step, not narrower than this one's, at which the records fit in `rows`
  /// buckets (the widest step when none does).
  public func fittingStep(rows: Int) -> Int {
    guard bucketCount > 0 else { return step }
    for candidate in step..<Self.ladder.count {
      let ratio = Self.ladder[candidate] / width
      if floorDiv(high, ratio) - floorDiv(low, ratio) + 1 <= Int64(max(1, rows)) {
        return candidate
      }
    }
    return Self.ladder.count - 1
  }

  // MARK: - Storage

  private func slot(of number: Int64) -> Int { Int(number - origin) * Self.stride }

  private func bucketNumber(_ time: Int64, width: Int64) -> Int64? {
    let (local, overflow) = time.addingReportingOverflow(shift)
    return overflow ? nil : floorDiv(local, width)
  }

  /// Makes storage cover bucket `number`. Earlier buckets are added in front with room to
  /// spare, so records arriving newest first cost amortized O(1) each, not O(buckets).
  private mutating func place(_ number: Int64) {
    if counts.isEmpty {
      origin = number
      low = number
      high = number
      counts = [UInt32](repeating: 0, count: Self.stride)
      return
    }
    if number < origin {
      let stored = Int64(counts.count / Self.stride)
      let spare = max(0, min(stored, Int64(capacity) - (high - number + 1)))
      let newOrigin = number - spare
      let front = [UInt32](repeating: 0, count: Int(origin - newOrigin) * Self.stride)
      counts.insert(contentsOf: front, at: 0)
      origin = newOrigin
    }
    let end = origin + Int64(counts.count / Self.stride)
    if number >= end {
      counts.append(contentsOf: repeatElement(0, count: Int(number - end + 1) * Self.stride))
    }
    low = min(low, number)
    high = max(high, number)
  }

  /// Widens to the narrowest step whose buckets hold the records and `time`; false when
  /// even the widest cannot.
  private mutating func widen(toInclude time: Int64) -> Bool {
    for candidate in (step + 1)..<Self.ladder.count {
      let w = Self.ladder[candidate]
      guard let number = bucketNumber(time, width: w) else { return false }
      let ratio = w / width
      let lo = min(floorDiv(low, ratio), number)
      let hi = max(floorDiv(high, ratio), number)
      if hi - lo < Int64(capacity) {
        self = widened(to: candidate)
        return true
      }
    }
    return false
  }

  private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    CivilCalendar.floorDivMod(a, b).quotient
  }
}
