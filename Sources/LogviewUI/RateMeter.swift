import LogviewCore

/// Records per second and a sparkline of the recent rate, from (time, total) samples taken
/// whenever the UI wakes; no timer of its own.
public struct RateMeter: Equatable, Sendable {
  /// Per-second buckets of arrivals, newest last.
  public private(set) var buckets: [Int] = []
  private var bucketSecond: Int64 = -1
  private var lastTotal = 0
  public static let bucketCount = 16

  public init() {}

  /// `now` in nanoseconds, `total` records so far.
  public mutating func record(now: Int64, total: Int) {
    let second = now / 1_000_000_000
    let arrived = max(0, total - lastTotal)
    lastTotal = total
    if bucketSecond < 0 {
      bucketSecond = second
      buckets = [0]
      // The initial load is not a rate.
      return
    }
    if second > bucketSecond {
      let gap = Int(min(second - bucketSecond, Int64(Self.bucketCount)))
      buckets += Array(repeating: 0, count: gap)
      bucketSecond = second
    }
    buckets[buckets.count - 1] += arrived
    if buckets.count > Self.bucketCount { buckets.removeFirst(buckets.count - Self.bucketCount) }
  }

  /// Moves the baseline to `total` without counting arrivals (a file's initial indexing is
  /// not a rate).
  public mutating func rebase(total: Int) {
    lastTotal = total
  }

  /// Arrivals in the last complete second (the current one when it is the only one).
  public var perSecond: Int {
    buckets.count >= 2 ? buckets[buckets.count - 2] : (buckets.last ?? 0)
  }

  public var sparkline: String {
    Sparkline.text(buckets, scale: max(1, buckets.max() ?? 1) + 1)
  }
}
