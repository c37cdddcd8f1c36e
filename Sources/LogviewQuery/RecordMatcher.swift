import LogviewCore

/// The one matcher: a compiled filter plus the command line's time bounds (--since,
/// --until) and request ID (--request). Headless output and the explorer's filter engine
/// both decide records with it, including its shortcuts: a byte test before parsing, the
/// fields to normalize, and answers from stored metadata (levels, request-ID hashes).
/// Immutable; shared by the scanning threads.
public struct RecordMatcher: Sendable {
  public let filter: Filter
  public let since: Int64?
  public let until: Int64?
  public let requestId: [UInt8]?
  @usableFromInline let requestSearch: SubstringSearch?
  /// For selections that read nothing but the level: whether each level code (0: none, then
  /// Level.rawValue) passes, so stored levels decide without reading records.
  public let levelTable: [Bool]?
  /// Only records whose request ID has this hash can match (`rid=X` or --request).
  public let requestHash: UInt32?

  public init(filter: Filter, since: Int64? = nil, until: Int64? = nil, requestId: String? = nil) {
    self.filter = filter
    self.since = since
    self.until = until
    self.requestId = requestId.map { Array($0.utf8) }
    requestSearch = requestId.map { SubstringSearch($0, ignoringCase: false) }
    needs = Self.needs(
      of: filter, timed: since != nil || until != nil, identified: requestId != nil)
    matchesEverything =
      filter.matchesEverything && since == nil && until == nil && requestId == nil
    testsBytes = filter.testsBytes || requestId != nil
    rawTextOnly = filter.reads.onlyRawText && since == nil && until == nil && requestId == nil
    let onlyLevel = filter.usesOnlyLevel && since == nil && until == nil && requestId == nil
    levelTable = onlyLevel && !filter.matchesEverything ? Self.levelTable(filter) : nil
    if let requestId {
      requestHash = RequestIdHash.of(requestId)
    } else if let id = filter.requestIdEquals, !Self.mayBeNumeric(Array(id.utf8)) {
      requestHash = RequestIdHash.of(id)
    } else {
      requestHash = nil
    }
  }

  /// Everything passes: no record needs reading.
  public let matchesEverything: Bool
  /// The byte test can reject something (a verbatim value, a search, a request ID).
  @usableFromInline let testsBytes: Bool

  /// What the normalizer must compute eagerly for `matches` (message, request ID and
  /// service are otherwise resolved on first use). Worked out once: `matches` runs per record.
  public let needs: RecordNeeds

  /// Decidable from the raw bytes alone (bare words, phrases, regexes; no time bounds or ID).
  public let rawTextOnly: Bool

  private static func needs(of filter: Filter, timed: Bool, identified: Bool) -> RecordNeeds {
    let reads = filter.reads
    var needs: RecordNeeds = []
    if reads.contains(.level) { needs.insert(.level) }
    if reads.contains(.timestamp) || timed { needs.insert(.timestamp) }
    if reads.contains(.fields) || identified { needs.insert(.text) }
    return needs
  }

  /// A cheap byte test before normalizing: false when the record cannot match (a value the
  /// filter requires verbatim is absent; a record with the request ID contains it verbatim,
  /// IDs with JSON escapes being rare enough to accept the miss).
  @inlinable @inline(__always)
  public func mayMatch(_ text: UnsafeRawBufferPointer) -> Bool {
    guard testsBytes else { return true }
    if filter.rejectsByBytes(text) { return false }
    return requestSearch?.occurs(in: text) ?? true
  }

  public func matches(_ record: RecordView) -> Bool {
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

  /// A byte string in every matching record, so a scan of a large buffer can jump from one
  /// occurrence to the next instead of reading every record. `strict`: a record without it
  /// never matches (--request); otherwise a record with a backslash still might (JSON
  /// escapes could spell the string).
  public var anchor: (search: SubstringSearch, strict: Bool)? {
    if let requestSearch, !requestSearch.isEmpty { return (requestSearch, true) }
    return filter.anchor.map { ($0, false) }
  }

  /// Decides a record from its bytes: the byte test, then parsing only what is needed.
  @inlinable @inline(__always)
  public func matches(
    _ text: UnsafeRawBufferPointer, firstLineLength: Int, normalizer: Normalizer
  ) -> Bool {
    guard mayMatch(text) else { return false }
    if rawTextOnly { return normalizer.withUnparsedRecord(text) { filter.matches($0) } }
    return normalizer.withRecord(text, firstLineLength: firstLineLength, needs: needs) {
      decides($0)
    }
  }

  /// Decides a record like `matches` and, when it passes, hands it to `take` normalized as
  /// far as `needs` asks (for printing or collecting it). Records the raw text rejects are
  /// never parsed.
  @inlinable @inline(__always)
  public func withMatch(
    _ text: UnsafeRawBufferPointer, firstLineLength: Int, normalizer: Normalizer,
    needs extra: RecordNeeds, _ take: (RecordView) -> Void
  ) -> Bool {
    guard mayMatch(text) else { return false }
    // Decided on the raw text (an empty filter included): parsed only to be taken.
    let decided = rawTextOnly || matchesEverything
    if decided, !matchesEverything,
      !normalizer.withUnparsedRecord(text, { filter.matches($0) })
    {
      return false
    }
    let needs = extra.union(needs)
    return normalizer.withRecord(text, firstLineLength: firstLineLength, needs: needs) {
      guard decided || decides($0) else { return false }
      take($0)
      return true
    }
  }

  /// The decision on a parsed record; level-only selections read the level table.
  @inlinable @inline(__always)
  func decides(_ record: RecordView) -> Bool {
    if let levelTable { return levelTable[Int(record.level?.rawValue ?? 0)] }
    return matches(record)
  }

  /// Decides the filter for each level by evaluating it on a record of that level (exact,
  /// since the filter reads nothing else). Default keys always include "level".
  static func levelTable(_ filter: Filter) -> [Bool] {
    let normalizer = Normalizer()
    var table = [Bool]()
    for code in 0...6 {
      let name = Level(rawValue: UInt8(code))?.name
      let json = name.map { "{\"level\":\"\($0)\"}" } ?? "{}"
      let passes = Array(json.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes, needs: .level) { filter.matches($0) }
      }
      table.append(passes)
    }
    return table
  }

  /// A literal the filter might compare numerically ("rid=0123" equals "123"): only
  /// number-like characters. Such IDs skip the hash shortcut.
  static func mayBeNumeric(_ id: [UInt8]) -> Bool {
    id.allSatisfy {
      ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 | 0x20 == 0x65
    }
  }
}
