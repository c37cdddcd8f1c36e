/// The `/` search as the screen knows it: the term, a jump that waits for the hits (they are
/// found off the UI thread), and the count the bottom bar shows.
public struct SearchState: Equatable, Sendable {
  public var term: SearchTerm?
  /// A jump the hits found so far cannot decide yet.
  public var pending: SearchJump?
  /// Records of the filtered view the search matches, so far.
  public var hitCount = 0
  /// True once every record is decided (the count is final until records arrive).
  public var counted = false
  /// Which hit (from 1) the selected record is, when it is one.
  public var hitNumber: Int?

  public init() {}
}

/// Where a search looks for its next hit.
public struct SearchJump: Equatable, Sendable {
  public var forward: Bool
  /// The first log index looked at, going forward or back from it.
  public var from: Int
  /// Records in the log when asked: the search wraps once these are decided.
  public var end: Int

  public init(forward: Bool, from: Int, end: Int) {
    self.forward = forward
    self.from = from
    self.end = end
  }
}
