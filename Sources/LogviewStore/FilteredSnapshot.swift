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
  /// True when the filter keeps every record: `matches` is then 0..<matches.count, so a
  /// caller may use plain record indices instead.
  public var isAll = false
  public init(matches: [Int32], scanned: Int, total: Int, complete: Bool, generation: Int) {
    self.matches = matches
    self.scanned = scanned
    self.total = total
    self.complete = complete
    self.generation = generation
  }
}
