import LogviewCore

/// What to check on a field that is present. A missing field fails every test before this
/// runs (a comparison against a missing field is false, `!=` included).
enum ValueTest: Sendable {
  case exists
  /// = != < <= > >=
  case compare(ComparisonOperator, ValueLiteral)
  case oneOf([ValueLiteral])
  /// Case-insensitive contains (`~`), or its negation (`!~`).
  case contains(SubstringSearch, negated: Bool)
  /// Regex over the decoded text (`=~`), or its negation (`!=~`).
  case matches(RegexMatcher, negated: Bool)
  /// `elapsed>1.5s`: the field read as a duration (a bare number in `unit` nanoseconds, the
  /// unit coming from the field's name) against a literal with units, in nanoseconds.
  case duration(ComparisonOperator, Int64, unit: Int64)

  func evaluate(_ value: JSONValue) -> Bool {
    switch self {
    case .exists:
      return true
    case .compare(let op, let literal):
      if op == .equal { return ValueComparison.equals(value, literal) }
      if op == .notEqual { return !ValueComparison.equals(value, literal) }
      guard let order = ValueComparison.order(value, literal) else { return false }
      return op.accepts(order: order)
    case .oneOf(let literals):
      for literal in literals where ValueComparison.equals(value, literal) { return true }
      return false
    case .contains(let search, let negated):
      return ValueComparison.withDecoded(value) { search.occurs(in: $0) } != negated
    case .duration(let op, let bound, let unit):
      guard let nanos = DurationReader.nanos(value, unit: unit) else { return false }
      return op.accepts(order: nanos < bound ? -1 : (nanos > bound ? 1 : 0))
    case .matches(let regex, let negated):
      let hit =
        value.kind == .string && value.hasEscapes
        ? regex.matches(value.decodedString()) : regex.matches(value.bytes)
      return hit != negated
    }
  }
}
