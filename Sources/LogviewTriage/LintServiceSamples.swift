import LogviewCore

/// What the lint counted for one service in one piece of input: its records, each counted
/// rule's tally, the bases the shares are taken of, the keys each concept came under, the
/// message templates and the sensitive kinds found.
struct LintServiceSamples: Sendable {
  /// One concept under one key.
  struct KeyUse: Sendable {
    var concept: KeyConcept
    var key: [UInt8]
    var tally = LintTally()
  }

  var records = 0
  /// Indexed by `LintRule.rawValue` (only the `counted` rules are used).
  var tallies = [LintTally](repeating: LintTally(), count: LintRule.allCases.count)
  /// Records whose time's writing was judged (`TimestampShape`): the base of the zone and
  /// millisecond rules.
  var judgedTimes = 0
  /// Records from an HTTP handler: the base of the request ID rule.
  var requestScoped = 0
  /// Structured records with a message: the base of the variable-messages rule.
  var messages = 0
  var keys: [KeyUse] = []
  var templates = TemplateTally()
  /// The kinds of secrets and personal data found (`SensitiveScan`), each record counted
  /// once per kind.
  var sensitive: [(kind: String, tally: LintTally)] = []

  /// Counts one record of the service (`hasService`: false for the "no service" group).
  mutating func append(
    _ record: RecordView, hasService: Bool, source: [UInt8], line: Int,
    scratch: inout [UInt8]
  ) {
    records += 1
    let structured = record.fieldsObject != nil
    if !structured { tallies[LintRule.unstructured.index].add(source, line) }
    if record.timestamp == nil {
      tallies[LintRule.missingTime.index].add(source, line)
    } else if let shape = Self.timeShape(record) {
      judgedTimes += 1
      if !shape.hasZone { tallies[LintRule.missingZone.index].add(source, line) }
      if shape.fractionDigits < 3 { tallies[LintRule.coarseTime.index].add(source, line) }
    }
    if let level = record.level {
      if level <= .debug { tallies[LintRule.debugVolume.index].add(source, line) }
    } else {
      tallies[LintRule.missingLevel.index].add(source, line)
    }
    if !hasService { tallies[LintRule.missingService.index].add(source, line) }
    if structured { countKeys(record, source, line) }
    let message = record.withText(of: .message) { FNV1a.hash($0) }
    // A text line's message is the whole line, its time and level too: it is unstructured.
    if let message, structured {
      countMessage(record, message, source, line, &scratch)
    }
    countSensitive(record, source, line)
  }

  /// Each kind of finding in the record's bytes, once per record.
  private mutating func countSensitive(_ record: RecordView, _ source: [UInt8], _ line: Int) {
    var seen: UInt32 = 0
    var scan = SensitiveScan(record.text)
    while let finding = scan.next() {
      let bit: UInt32 = 1 << UInt32(finding.kind.rawValue)
      guard seen & bit == 0 else { continue }
      seen |= bit
      let kind = finding.kind.name
      if let at = sensitive.firstIndex(where: { $0.kind == kind }) {
        sensitive[at].tally.add(source, line)
      } else {
        var tally = LintTally()
        tally.add(source, line)
        sensitive.append((kind, tally))
      }
    }
  }

  /// The time's writing, when it is a top-level field's value or leads a text line.
  static func timeShape(_ record: RecordView) -> TimestampShape? {
    if record.isJSON { return record.timestampMember.flatMap(TimestampShape.of) }
    return TimestampShape.leading(record.firstLine)
  }

  /// The concepts' keys, whether the record comes from an HTTP handler, and if it does
  /// whether it has a request ID.
  private mutating func countKeys(_ record: RecordView, _ source: [UInt8], _ line: Int) {
    var scoped = false
    record.forEachOwnMember { key, value in
      key.withDecodedBytes { key in
        if let alias = KeyConcept.alias(key) {
          count(KeyConcept.aliases[alias].concept, key, source, line)
        }
        if !scoped { scoped = Self.isRequestScoped(key, value) }
      }
    }
    for concept in KeyConcept.normalizedConcepts {
      guard let field = concept.normalized, let key = record.key(of: field) else { continue }
      key.withDecodedBytes { key in
        // A trace ID read as the request ID was counted as the trace ID it is.
        if concept == .requestId, let alias = KeyConcept.alias(key),
          KeyConcept.aliases[alias].concept == .traceId
        {
          return
        }
        count(concept, key, source, line)
      }
    }
    guard scoped else { return }
    requestScoped += 1
    if record.withText(of: .requestId, { _ in () }) == nil {
      tallies[LintRule.missingRequestId.index].add(source, line)
    }
  }

  @inline(__always)
  private mutating func count(
    _ concept: KeyConcept, _ key: UnsafeRawBufferPointer, _ source: [UInt8], _ line: Int
  ) {
    for i in keys.indices where keys[i].concept == concept && keys[i].key.count == key.count {
      if keys[i].key.withUnsafeBytes({ KeyLookup.equal($0, key) }) {
        keys[i].tally.add(source, line)
        return
      }
    }
    var use = KeyUse(concept: concept, key: Array(key))
    use.tally.add(source, line)
    keys.append(use)
  }

  /// A member telling that an HTTP handler wrote the record: an `http` or `httpRequest`
  /// object, a method or route, an HTTP status (a number from 100 to 599), or an event named
  /// `http.…`. A path or URL alone is not enough (files and links have them too).
  static func isRequestScoped(_ key: UnsafeRawBufferPointer, _ value: JSONValue) -> Bool {
    guard let index = scopeKeys.index(of: key) else { return false }
    switch (value.kind, index) {
    case (.object, 0..<2):
      return true
    case (.string, 2..<4):
      return value.bytes.starts(with: "http.".utf8)
    case (.string, 4..<10):
      return true
    case (.number, 10...):
      guard let status = value.int64() else { return false }
      return (100...599).contains(status)
    default:
      return false
    }
  }

  /// The keys `isRequestScoped` reads, by the kind of value that counts: objects, event
  /// names, methods and routes, HTTP statuses.
  static let scopeKeys = KeyLookup(
    [
      "http", "httpRequest", "event", "event.name", "method", "http.method",
      "http.request.method", "request_method", "route", "http.route", "status", "statusCode",
      "status_code", "http.status", "http.status_code", "http.response.status_code",
    ].map { Array($0.utf8) })

  /// The message's template, folded once per distinct message (`hash`).
  private mutating func countMessage(
    _ record: RecordView, _ hash: UInt64, _ source: [UInt8], _ line: Int,
    _ scratch: inout [UInt8]
  ) {
    messages += 1
    let template =
      templates.known(hash) ?? fold(record, hash: hash, &scratch)
    templates.count(template, source, line)
    if templates.hasValues(template) {
      tallies[LintRule.variableMessages.index].add(source, line)
    }
  }

  /// A message seen for the first time, folded into its template.
  private mutating func fold(
    _ record: RecordView, hash: UInt64, _ scratch: inout [UInt8]
  ) -> Int32 {
    scratch.removeAll(keepingCapacity: true)
    let values = record.withText(of: .message) { FoldedTemplates.template(of: $0, into: &scratch) }
    return scratch.withUnsafeBytes {
      templates.add(message: hash, template: $0, values: values ?? 0)
    }
  }

  /// Adds a later piece's counts.
  mutating func merge(_ other: LintServiceSamples) {
    records += other.records
    judgedTimes += other.judgedTimes
    requestScoped += other.requestScoped
    messages += other.messages
    for i in tallies.indices { tallies[i].merge(other.tallies[i]) }
    for use in other.keys {
      if let at = keys.firstIndex(where: { $0.concept == use.concept && $0.key == use.key }) {
        keys[at].tally.merge(use.tally)
      } else {
        keys.append(use)
      }
    }
    templates.merge(other.templates)
    for (kind, tally) in other.sensitive {
      if let at = sensitive.firstIndex(where: { $0.kind == kind }) {
        sensitive[at].tally.merge(tally)
      } else {
        sensitive.append((kind, tally))
      }
    }
  }
}

extension LintRule {
  var index: Int { Int(rawValue) }
}
