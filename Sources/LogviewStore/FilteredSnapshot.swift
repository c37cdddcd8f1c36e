/// One published state of a FilterEngine: the matches so far and how far the scan got.
public struct FilteredSnapshot: Sendable {
  /// Sorted indices into the LiveLog of the records that match.
  public var matches: [Int32]
  /// Records examined so far out of `total` for this filter (progress while recomputing).
  public var scanned: Int
  public var total: Int
  /// False while a recompute is running.
  public var complete: Bool
  /// Increments each time the filter changes.
  public var generation: Int
  /// True when the filter keeps every record: `matches` is then left empty (an index of a
  /// billion records would cost 4 GB) and row i is record i, for `allCount` records.
  public var isAll = false
  public var allCount = 0

  /// Rows in this result.
  public var count: Int { isAll ? allCount : matches.count }

  /// The log index of row `row`.
  public func index(at row: Int) -> Int { isAll ? row : Int(matches[row]) }

  /// Every row's log index (for tests and small logs).
  public var indices: [Int] { (0..<count).map(index(at:)) }
  public init(matches: [Int32], scanned: Int, total: Int, complete: Bool, generation: Int) {
    self.matches = matches
    self.scanned = scanned
    self.total = total
    self.complete = complete
    self.generation = generation
  }
}
