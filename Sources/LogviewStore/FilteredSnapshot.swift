/// One published state of a FilterEngine: the matches so far and how far the scan got.
public struct FilteredSnapshot: Sendable {
  /// Sorted indices into the LiveLog of the records that match.
  public var matchList: MatchList
  /// The same as one array: a copy, for tests and small results.
  public var matches: [Int] { matchList.array }
  /// Records examined so far out of `total` for this filter (progress while recomputing).
  public var scanned: Int
  public var total: Int
  /// False while a recompute is running.
  public var complete: Bool
  /// The log indices decided so far for this filter (a recompute goes from the newest
  /// records back, a catch-up forward): a search knows whether its next hit is certain.
  public var decided = 0..<0
  /// Increments each time the filter changes.
  public var generation: Int
  /// True when the filter keeps every record: `matches` is then left empty (an index of a
  /// billion records would cost 4 GB) and row i is record i, for `allCount` records.
  public var isAll = false
  public var allCount = 0
  /// Leading entries that are no longer rows because the log dropped their records
  /// (--keep-last): indices below `skip` when `isAll`, else the first `skip` matches.
  public var skip = 0
  /// Rows dropped from the top since this generation began, so a view can keep its place.
  public var droppedRows = 0

  /// Rows in this result.
  public var count: Int { (isAll ? allCount : matchList.count) - skip }

  /// The log index of row `row`.
  public func index(at row: Int) -> Int { isAll ? skip + row : Int(matchList[skip + row]) }

  /// The row showing log record `index`, or the nearest row before it (row 0 when all rows
  /// come after it); nil when there are no rows.
  public func row(nearLogIndex index: Int) -> Int? {
    guard count > 0 else { return nil }
    if isAll { return min(max(0, index - skip), count - 1) }
    var low = skip
    var high = matchList.count
    while low < high {
      let mid = (low + high) / 2
      if Int(matchList[mid]) <= index { low = mid + 1 } else { high = mid }
    }
    return max(0, low - 1 - skip)
  }

  /// Drops the rows whose records are below `firstKept`; whole chunks of gone matches are
  /// released.
  mutating func dropRecords(below firstKept: Int) {
    let before = skip
    if isAll {
      skip = min(max(skip, firstKept), allCount)
    } else {
      var low = skip
      var high = matchList.count
      while low < high {
        let mid = (low + high) / 2
        if Int(matchList[mid]) < firstKept { low = mid + 1 } else { high = mid }
      }
      skip = low
    }
    droppedRows += skip - before
    let gone = isAll ? 0 : skip >> MatchList.shift
    if gone > 0 {
      matchList.removeFirstChunks(gone)
      skip -= gone << MatchList.shift
    }
  }

  /// Every row's log index (for tests and small logs).
  public var indices: [Int] { (0..<count).map(index(at:)) }
  public init(matches: [Int], scanned: Int, total: Int, complete: Bool, generation: Int) {
    self.matchList = MatchList(matches)
    self.scanned = scanned
    self.total = total
    self.complete = complete
    self.generation = generation
  }
}
