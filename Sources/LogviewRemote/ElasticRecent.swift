/// The hits delivered lately, so that a poll which starts a little before the newest time
/// read (documents arrive late; many share a millisecond) delivers none of them twice: the
/// `_id`s within the overlap of the newest time.
struct ElasticRecent: Sendable {
  static let overlapMillis: Int64 = 5_000
  /// The newest time delivered, epoch milliseconds.
  private(set) var newest: Int64?
  private var ids: [String: Int64] = [:]
  private var pruneAt = 4_096

  /// False for a hit already delivered.
  mutating func accept(_ hit: ElasticHit) -> Bool {
    guard let millis = hit.millis else { return true }
    if let newest, millis < newest - Self.overlapMillis { return true }
    guard ids.updateValue(millis, forKey: hit.id) == nil else { return false }
    if millis > newest ?? .min { newest = millis }
    if ids.count > pruneAt { prune() }
    return true
  }

  /// Where the next poll starts, nanoseconds: the overlap before the newest time delivered,
  /// or before the window's end when nothing was.
  func pollStart(after end: Int64) -> Int64 {
    let newest = newest ?? ElasticQuery.floorMillis(end)
    return (newest - Self.overlapMillis) * 1_000_000
  }

  private mutating func prune() {
    guard let newest else { return }
    ids = ids.filter { $0.value >= newest - Self.overlapMillis }
    pruneAt = max(4_096, ids.count * 2)
  }
}
