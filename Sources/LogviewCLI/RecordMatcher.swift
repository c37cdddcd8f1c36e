import LogviewCore
import LogviewQuery

/// The whole selection of a run: the filter, the time bounds and the request ID together.
struct RecordMatcher: Sendable {
  let filter: Filter
  let since: Int64?
  let until: Int64?
  let requestId: [UInt8]?
  private let requestSearch: SubstringSearch?

  init(filter: Filter, since: Int64?, until: Int64?, requestId: String?) {
    self.filter = filter
    self.since = since
    self.until = until
    self.requestId = requestId.map { Array($0.utf8) }
    requestSearch = requestId.map { SubstringSearch($0, ignoringCase: false) }
  }

  var matchesEverything: Bool {
    filter.matchesEverything && since == nil && until == nil && requestId == nil
  }

  /// What the normalizer must compute eagerly for `matches`.
  var needs: RecordNeeds {
    let reads = filter.reads
    var needs: RecordNeeds = []
    if reads.contains(.level) { needs.insert(.level) }
    if reads.contains(.timestamp) || since != nil || until != nil { needs.insert(.timestamp) }
    if reads.contains(.fields) || requestId != nil { needs.insert(.text) }
    return needs
  }

  /// Decidable from the raw bytes alone (bare words, phrases, regexes; no time bounds or ID).
  var rawTextOnly: Bool {
    filter.reads.onlyRawText && since == nil && until == nil && requestId == nil
  }

  /// Cheap byte test before normalizing: a record with that request ID contains it verbatim
  /// (IDs with JSON escapes are rare enough to accept the miss).
  func mayMatch(_ text: UnsafeRawBufferPointer) -> Bool {
    if filter.rejectsByBytes(text) { return false }
    return requestSearch?.occurs(in: text) ?? true
  }

  func matches(_ record: RecordView) -> Bool {
    if let requestId {
      let same = record.withText(of: .requestId) { $0.elementsEqual(requestId) } ?? false
      guard same else { return false }
    }
    if let since {
      guard let t = record.timestamp, t >= since else { return false }
    }
    if let until {
      guard let t = record.timestamp, t < until else { return false }
    }
    return filter.matches(record)
  }
}
