/// The operator between a field name and a value (`level>=warn`, `msg~declined`).
enum ComparisonOperator: Sendable, Equatable {
  case equal  // = == :
  case notEqual  // != !:
  case less  // <
  case lessOrEqual  // <=
  case greater  // >
  case greaterOrEqual  // >=
  case contains  // ~  (case-insensitive)
  case notContains  // !~
  case matches  // =~ (regex)
  case notMatches  // !=~

  /// The canonical spelling, used in AST descriptions.
  var symbol: String {
    switch self {
    case .equal: "="
    case .notEqual: "!="
    case .less: "<"
    case .lessOrEqual: "<="
    case .greater: ">"
    case .greaterOrEqual: ">="
    case .contains: "~"
    case .notContains: "!~"
    case .matches: "=~"
    case .notMatches: "!=~"
    }
  }

  /// True for the operators whose value is a regex (`/re/` allowed after them).
  var takesRegex: Bool { self == .matches || self == .notMatches }

  /// True for = != < <= > >=, the operators that order or equate values.
  var isOrdering: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
    case .contains, .notContains, .matches, .notMatches: false
    }
  }

  /// Whether `order` (the sign of lhs compared with rhs: -1, 0, 1) satisfies this operator.
  /// Only meaningful for ordering operators.
  @inline(__always)
  func accepts(order: Int) -> Bool {
    switch self {
    case .equal: order == 0
    case .notEqual: order != 0
    case .less: order < 0
    case .lessOrEqual: order <= 0
    case .greater: order > 0
    case .greaterOrEqual: order >= 0
    case .contains, .notContains, .matches, .notMatches: false
    }
  }
}
