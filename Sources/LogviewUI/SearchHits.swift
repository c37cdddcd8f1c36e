import LogviewStore

/// The records a search matched in the filtered view (a FilterEngine's snapshot for the
/// filter and the pattern), and where its next hit is as far as they tell.
public struct SearchHits: Sendable {
  /// The search text these hits are for.
  public let term: String
  public let snapshot: FilteredSnapshot

  public init(term: String, snapshot: FilteredSnapshot) {
    self.term = term
    self.snapshot = snapshot
  }

  /// The next hit: certain once every record between the start and it is decided.
  public enum Lookup: Equatable, Sendable {
    /// More records must be decided first.
    case waiting
    /// No record matches.
    case none
    /// The hit's log index; `wrapped`: it was found past an end of the log.
    case found(Int, wrapped: Bool)
  }

  /// The hit `jump` goes to; `floor` is the first record the log still holds.
  public func next(_ jump: SearchJump, floor: Int) -> Lookup {
    let s = snapshot
    let olderDecided = s.decided.lowerBound <= floor
    let newerDecided = s.decided.upperBound >= jump.end
    if jump.forward {
      let row = firstRow(atOrAfter: jump.from)
      // Every record from the start to the hit is decided: none comes before it.
      guard s.decided.lowerBound <= max(jump.from, floor) else { return .waiting }
      if row < s.count { return .found(s.index(at: row), wrapped: false) }
      guard newerDecided, olderDecided else { return .waiting }
      return s.count > 0 ? .found(s.index(at: 0), wrapped: true) : .none
    }
    guard min(jump.from, jump.end - 1) < s.decided.upperBound else { return .waiting }
    let row = firstRow(atOrAfter: jump.from + 1) - 1
    if row >= 0 { return .found(s.index(at: row), wrapped: false) }
    guard olderDecided, newerDecided else { return .waiting }
    return s.count > 0 ? .found(s.index(at: s.count - 1), wrapped: true) : .none
  }

  /// Which hit (from 1) log record `index` is, or nil when it is none.
  public func number(ofLogIndex index: Int) -> Int? {
    let row = firstRow(atOrAfter: index)
    return row < snapshot.count && snapshot.index(at: row) == index ? row + 1 : nil
  }

  /// The first row of the hits whose log index is `index` or more (`count` when none is).
  func firstRow(atOrAfter index: Int) -> Int {
    guard let row = snapshot.row(nearLogIndex: index) else { return 0 }
    return snapshot.index(at: row) >= index ? row : row + 1
  }
}
