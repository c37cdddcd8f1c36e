import LogviewCore

/// Turns a syntax tree into a `FilterNode`: resolves field names, levels, time bounds and
/// regexes, reporting semantic errors at the column of the offending part.
struct FilterCompiler {
  let now: Int64
  let zone: TimeZoneRule

  /// What a field name in a filter refers to: the normalized fields by their short names,
  /// anything else a path into the record.
  enum Target {
    case level
    case time
    /// `since:` / `until:` shorthands for time bounds.
    case since, until
    case normalized(NormalizedField)
    /// The record's duration, read by `DurationReader.nanos(of:)`.
    case duration
    case pattern
    case path(FieldPath)

    init(_ name: String) {
      switch name {
      case "level": self = .level
      case "ts": self = .time
      case "since": self = .since
      case "until": self = .until
      case "msg", "message": self = .normalized(.message)
      case "rid", "requestId": self = .normalized(.requestId)
      case "service": self = .normalized(.service)
      case "duration": self = .duration
      case FilterCompiler.patternName: self = .pattern
      default: self = .path(FieldPath(name))
      }
    }
  }

  /// Depth is bounded by the parser's nesting cap, so recursion here is safe.
  func compile(_ node: QueryNode) throws(QueryError) -> FilterNode {
    switch node {
    case .all:
      return .constant(true)
    case .text(let text, _):
      return text.isEmpty ? .constant(true) : .text(SubstringSearch(smartCase: text))
    case .regex(let pattern, let flags, let column):
      return .textRegex(try regex(pattern, flags: flags, column: column))
    case .comparison(let comparison):
      return try compile(comparison)
    case .exists(let name, _):
      switch Target(name) {
      case .level: return .levelIn(FilterNode.allLevels)
      case .time: return .hasTime
      case .normalized(let field): return .normalized(field, .exists)
      case .duration: return .duration(.greaterOrEqual, 0)
      case .path(let path): return .field(path, .exists)
      case .since, .until, .pattern: return .field(FieldPath(name), .exists)
      }
    case .oneOf(let name, let column, let values):
      return try compileList(name: name, column: column, values: values)
    case .not(let inner):
      return .not(try compile(inner))
    case .and(let children):
      return .and(try ordered(children))
    case .or(let children):
      return .or(try ordered(children))
    }
  }

  private func ordered(_ children: [QueryNode]) throws(QueryError) -> [FilterNode] {
    var compiled: [(cost: Int, node: FilterNode)] = []
    // Each cost worked out once: `cost` walks the subtree.
    for child in children {
      let node = try compile(child)
      compiled.append((node.cost, node))
    }
    // Stable: equal costs keep the written order.
    return compiled.enumerated().sorted {
      ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset)
    }
    .map(\.element.node)
  }

  private func compile(_ c: QueryComparison) throws(QueryError) -> FilterNode {
    if let term = try sensitiveTerm(c) { return term }
    let value = c.value
    switch Target(c.name) {
    case .level:
      guard c.op.isOrdering else { throw notApplicable(c, "level") }
      let target = try level(value)
      let mask = Level.allCases.reduce(UInt8(0)) { mask, level in
        let order = level < target ? -1 : (level > target ? 1 : 0)
        return c.op.accepts(order: order) ? mask | 1 << level.rawValue : mask
      }
      return .levelIn(mask)
    case .time:
      guard c.op.isOrdering else { throw notApplicable(c, "ts") }
      return .time(c.op, try timeBound(value))
    case .since, .until:
      guard c.op == .equal else {
        throw QueryError(
          column: c.nameColumn,
          message: "\(c.name) takes a time after ':' (e.g. \(c.name):15m)")
      }
      let bound = try timeBound(value)
      return .time(c.name == "since" ? .greaterOrEqual : .less, bound)
    case .normalized(let field):
      // Request IDs are identifiers: compare them as text even when they look numeric.
      return .normalized(field, try test(c, numeric: field != .requestId))
    case .duration:
      return try recordDuration(c)
    case .pattern:
      return try compilePattern(c)
    case .path(let path):
      if let duration = durationTest(c, path: path) { return .field(path, duration) }
      return .field(path, try test(c, numeric: true))
    }
  }

  /// `elapsed>1.5s`, `durationMs<=250ms`: a bare literal with units compares the field as a
  /// duration (a bare number of the field in the unit its name implies).
  private func durationTest(_ c: QueryComparison, path: FieldPath) -> ValueTest? {
    guard c.op.isOrdering, c.value.form == .bare,
      !ValueLiteral.looksNumeric(Array(c.value.text.utf8)),
      let nanos = DurationReader.parse(c.value.text)
    else { return nil }
    return .duration(c.op, nanos, unit: DurationReader.unitNanos(forKey: path.dotted))
  }

  /// `duration>250ms`: the record's duration (its first duration field, in that field's
  /// unit) against a literal with units, or a bare number of milliseconds.
  private func recordDuration(_ c: QueryComparison) throws(QueryError) -> FilterNode {
    guard c.op.isOrdering || c.op == .equal || c.op == .notEqual else {
      throw QueryError(
        column: c.opColumn,
        message: "'\(c.opSpelling)' does not apply to duration (use =, !=, <, <=, > or >=)")
    }
    let bare = ValueLiteral.looksNumeric(Array(c.value.text.utf8))
    let nanos = DurationReader.parse(c.value.text + (bare ? "ms" : ""))
    guard c.value.form == .bare, let nanos else {
      throw QueryError(
        column: c.value.column,
        message: "invalid duration '\(c.value.text)' (e.g. duration>250ms, duration>=1.5s)")
    }
    return .duration(c.op, nanos)
  }

  private func test(_ c: QueryComparison, numeric: Bool) throws(QueryError) -> ValueTest {
    let value = c.value
    switch c.op {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      return .compare(c.op, ValueLiteral(value.text, numeric: numeric && value.form == .bare))
    case .contains, .notContains:
      return .contains(
        SubstringSearch(value.text, ignoringCase: true), negated: c.op == .notContains)
    case .matches, .notMatches:
      var flags = ""
      if case .regex(let f) = value.form { flags = f }
      let matcher = try regex(value.text, flags: flags, column: value.column)
      return .matches(matcher, negated: c.op == .notMatches)
    }
  }

  private func compileList(name: String, column: Int, values: [QueryLiteral])
    throws(QueryError) -> FilterNode
  {
    switch Target(name) {
    case .level:
      var mask: UInt8 = 0
      for value in values { mask |= 1 << (try level(value)).rawValue }
      return .levelIn(mask)
    case .time, .since, .until, .duration:
      throw QueryError(column: column, message: "'in' does not apply to \(name)")
    case .normalized(let field):
      let numeric = field != .requestId
      return .normalized(field, .oneOf(values.map { literal($0, numeric: numeric) }))
    case .pattern:
      return compilePatternList(values)
    case .path(let path):
      return .field(path, .oneOf(values.map { literal($0, numeric: true) }))
    }
  }

  private func literal(_ value: QueryLiteral, numeric: Bool) -> ValueLiteral {
    ValueLiteral(value.text, numeric: numeric && value.form == .bare)
  }

  // MARK: - Resolution

  private func level(_ value: QueryLiteral) throws(QueryError) -> Level {
    guard let level = LevelParser.parse(value.text) else {
      throw QueryError(column: value.column, message: "unknown level '\(value.text)'")
    }
    return level
  }

  private func timeBound(_ value: QueryLiteral) throws(QueryError) -> Int64 {
    guard let bound = TimestampParser.parseBound(value.text, now: now, zone: zone) else {
      throw QueryError(
        column: value.column,
        message: "invalid time '\(value.text)' (e.g. -15m, 10:42, 2024-03-15T10:00:00Z)")
    }
    return bound
  }

  private func regex(_ pattern: String, flags: String, column: Int) throws(QueryError)
    -> RegexMatcher
  {
    do {
      return try RegexMatcher(pattern: pattern, flags: flags)
    } catch {
      throw QueryError(column: column, message: "invalid regex: \(error.reason)")
    }
  }

  private func notApplicable(_ c: QueryComparison, _ name: String) -> QueryError {
    QueryError(
      column: c.opColumn,
      message: "'\(c.opSpelling)' does not apply to \(name) (use =, !=, <, <=, >, >= or in)")
  }
}
