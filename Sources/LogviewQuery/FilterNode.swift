import LogviewCore

/// A compiled filter: a small tree evaluated per record without allocating (regexes aside).
/// Only `not` is boxed: a payload read out of a box is retained around every call, and the
/// scanning threads sharing one filter then contend for its reference count.
enum FilterNode: Sendable {
  case constant(Bool)
  /// Bit `1 << level.rawValue` set for each accepted level; records without a level fail.
  case levelIn(UInt8)
  /// The normalized timestamp compared with a bound (ns); records without one fail.
  case time(ComparisonOperator, Int64)
  case hasTime
  /// Substring of the whole record text.
  case text(SubstringSearch)
  /// Regex over the whole record text.
  case textRegex(RegexMatcher)
  case normalized(NormalizedField, ValueTest)
  case field(FieldPath, ValueTest)
  /// The record's duration (`DurationReader.nanos(of:)`, ns) compared with a bound; records
  /// without one fail.
  case duration(ComparisonOperator, Int64)
  /// The record's message pattern has this ID (`pattern=ID`, PatternTerm).
  case pattern(UInt32)
  /// A secret or personal data in the record's bytes (`has:secret`, `has:pii`).
  case sensitive(SensitiveGroups)
  indirect case not(FilterNode)
  case and([FilterNode])
  case or([FilterNode])

  static let allLevels: UInt8 = Level.allCases.reduce(0) { $0 | 1 << $1.rawValue }

  func matches(_ record: RecordView) -> Bool {
    switch self {
    case .constant(let value):
      return value
    case .levelIn(let mask):
      guard let level = record.level else { return false }
      return mask & (1 << level.rawValue) != 0
    case .time(let op, let bound):
      guard let t = record.timestamp else { return false }
      return op.accepts(order: t < bound ? -1 : (t > bound ? 1 : 0))
    case .hasTime:
      return record.timestamp != nil
    case .text(let search):
      return search.occurs(in: record.text)
    case .textRegex(let regex):
      return regex.matches(record.text)
    case .normalized(let field, let test):
      return record.withText(of: field) { bytes in
        test.evaluate(JSONValue(bytes: bytes, kind: .string, hasEscapes: false))
      } ?? false
    case .field(let path, let test):
      guard let value = record.field(path) else { return false }
      return test.evaluate(value)
    case .duration(let op, let bound):
      guard let nanos = DurationReader.nanos(of: record) else { return false }
      return op.accepts(order: nanos < bound ? -1 : (nanos > bound ? 1 : 0))
    case .pattern(let id):
      return Self.patternMatches(id, record)
    case .sensitive(let groups):
      return SensitiveScan.holds(groups, in: record.text)
    case .not(let inner):
      return !inner.matches(record)
    case .and(let children):
      for child in children where !child.matches(record) { return false }
      return true
    case .or(let children):
      for child in children where child.matches(record) { return true }
      return false
    }
  }

  /// Rough evaluation cost, used to try cheap tests first inside and/or (their order does
  /// not change the result).
  var cost: Int {
    switch self {
    case .constant, .levelIn, .time, .hasTime: 0
    case .normalized, .field: 2
    case .text, .duration: 3
    case .sensitive: 8
    case .textRegex, .pattern: 10
    case .not(let inner): inner.cost
    case .and(let children), .or(let children): children.map(\.cost).max() ?? 0
    }
  }

  /// True when evaluation reads nothing but `record.level`.
  var usesOnlyLevel: Bool {
    switch self {
    case .constant, .levelIn: true
    case .time, .hasTime, .text, .textRegex, .normalized, .field, .duration, .pattern, .sensitive:
      false
    case .not(let inner): inner.usesOnlyLevel
    case .and(let children), .or(let children): children.allSatisfy(\.usesOnlyLevel)
    }
  }

  /// Which parts of a record evaluation reads, so callers can skip the rest.
  var reads: FilterReads {
    switch self {
    case .constant: []
    case .levelIn: .level
    case .time, .hasTime: .timestamp
    case .text, .textRegex, .sensitive: .rawText
    case .normalized, .field, .duration, .pattern: .fields
    case .not(let inner): inner.reads
    case .and(let children), .or(let children):
      children.reduce(into: FilterReads()) { $0.formUnion($1.reads) }
    }
  }

  /// Every regular expression in the tree (text, `=~` and `!=~`).
  var regexes: [RegexMatcher] {
    switch self {
    case .textRegex(let regex), .normalized(_, .matches(let regex, _)),
      .field(_, .matches(let regex, _)):
      return [regex]
    case .not(let inner): return inner.regexes
    case .and(let children), .or(let children): return children.flatMap(\.regexes)
    default: return []
    }
  }

  /// Literals a matching record must contain byte for byte: exact text equality on a
  /// service, request ID or other field, and case-sensitive words, through ANDs.
  var requiredLiterals: [[UInt8]] {
    switch self {
    case .normalized(.service, .compare(.equal, let literal)),
      .normalized(.requestId, .compare(.equal, let literal)),
      .field(_, .compare(.equal, let literal)):
      return Self.isVerbatim(literal) ? [literal.bytes] : []
    case .and(let children):
      return children.flatMap(\.requiredLiterals)
    default:
      return []
    }
  }

  /// `~` searches (not negated) that a matching record's bytes contain: on any field, or on
  /// the normalized message, request ID or service, through ANDs. See Filter.rejectsByBytes
  /// for the records this cannot judge.
  var requiredSearches: [SubstringSearch] {
    switch self {
    case .normalized(_, .contains(let search, negated: false)),
      .field(_, .contains(let search, negated: false)):
      return search.needle.isEmpty ? [] : [search]
    case .and(let children):
      return children.flatMap(\.requiredSearches)
    default:
      return []
    }
  }

  /// Text that JSON writes unchanged (no quote, backslash, slash or control characters) and
  /// that compares as text, not as a number.
  static func isVerbatim(_ literal: ValueLiteral) -> Bool {
    guard literal.number == nil, literal.bytes.count >= 2 else { return false }
    return literal.bytes.allSatisfy {
      $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F
    }
  }
}
