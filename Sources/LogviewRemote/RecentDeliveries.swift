/// What a polling follow (CloudWatch, Elasticsearch) delivered lately: the newest time and
/// the IDs (eventId, _id) of what came since a little before it. Times are milliseconds that
/// many records share, and a record may become searchable after later ones: -f asks again
/// from `overlap` before the newest time and drops what it delivered already, by ID.
struct RecentDeliveries: Sendable {
  /// Milliseconds asked again before the newest time seen.
  let overlap: Int64
  /// The newest event time delivered (ms); nil before any.
  private(set) var newest: Int64?
  /// eventId -> time of the events delivered at or after `newest - overlap` (some older
  /// ones too, between prunings).
  private var seen: [String: Int64] = [:]
  private var pruneAt = 1024
  /// The start of the poll under way: its later pages may repeat any event from there.
  var pollStart: Int64?

  init(overlap: Int64) { self.overlap = overlap }

  /// True for a record not delivered before, which is then counted as delivered.
  mutating func accept(id: String, millis: Int64) -> Bool {
    guard seen.updateValue(millis, forKey: id) == nil else { return false }
    if millis > newest ?? .min { newest = millis }
    if seen.count >= pruneAt { prune() }
    return true
  }

  /// Where the next poll starts (ms): `overlap` before the newest time delivered, else
  /// before `fallback`; never before `floor`.
  func resumeTime(fallback: Int64, floor: Int64) -> Int64 {
    max(floor, (newest ?? fallback) - overlap)
  }

  /// Forgets the events that no request asks for again: older than the overlap and than
  /// the poll under way. Amortized: done when the set has doubled since.
  private mutating func prune() {
    guard let newest else { return }
    let floor = min(newest - overlap, pollStart ?? .max)
    seen = seen.filter { $0.value >= floor }
    pruneAt = max(1024, seen.count * 2)
  }

  /// How many events are remembered (tests).
  var remembered: Int { seen.count }
}
