import LogviewStore

/// How far a count kept over the filtered rows has got (the histogram's times, the latency
/// pane's durations, the patterns pane's miner): a new snapshot either continues it, its rows only appended, or
/// replaces it (a filter change, or rows that left the top and cannot be taken out of the
/// counts), and then the count starts over.
struct RowProgress {
  /// Rows counted so far: [0, counted) of the snapshot this count is for.
  private(set) var counted = 0
  /// Counts from scratch so far (tests check that arrivals do not cause one).
  private(set) var rescans = 0
  private var generation = -1
  private var isAll = false
  private var droppedRows = 0
  private var lastIndex = -1

  /// True when `snapshot` holds the rows counted and more; otherwise false, and the count
  /// starts over from its first row.
  mutating func continues(_ snapshot: FilteredSnapshot) -> Bool {
    if holds(snapshot) { return true }
    rescans += 1
    generation = snapshot.generation
    isAll = snapshot.isAll
    droppedRows = snapshot.droppedRows
    counted = 0
    return false
  }

  /// `snapshot` holds the rows counted, in place, and maybe more after them.
  func holds(_ snapshot: FilteredSnapshot) -> Bool {
    snapshot.generation == generation && snapshot.isAll == isAll
      && snapshot.droppedRows == droppedRows && counted <= snapshot.count
      && (counted == 0 || snapshot.index(at: counted - 1) == lastIndex)
  }

  /// The rows up to `end` of `snapshot` are counted.
  mutating func advance(to end: Int, in snapshot: FilteredSnapshot) {
    guard end > counted else { return }
    counted = end
    lastIndex = snapshot.index(at: end - 1)
  }
}
