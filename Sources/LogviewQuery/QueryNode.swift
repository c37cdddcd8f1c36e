/// A value written in a filter, with where it was written (for errors found at compile time).
struct QueryLiteral: Sendable, Equatable {
  enum Form: Sendable, Equatable {
    case bare
    case quoted
    /// `/pattern/flags`; `text` is the pattern.
    case regex(flags: String)
  }

  var text: String
  var form: Form
  /// 1-based column of the value's first character.
  var column: Int

  /// How the value reads in an AST description: bare, "quoted" or /regex/flags.
  var described: String {
    switch form {
    case .bare: text
    case .quoted: Query.quote(text)
    case .regex(let flags): "/\(text)/\(flags)"
    }
  }
}

/// `name op value`, e.g. `level>=warn`, `user.id:42`, `path=~"^/v1"`.
struct QueryComparison: Sendable, Equatable {
  var name: String
  var nameColumn: Int
  var op: ComparisonOperator
  /// The operator as typed (`:` for `=`), for messages.
  var opSpelling: String
  var opColumn: Int
  var value: QueryLiteral
}

/// The syntax tree of a filter. `and`/`or` hold two or more children in written order.
indirect enum QueryNode: Sendable, Equatable, CustomStringConvertible {
  /// The empty filter.
  case all
  /// A bare word or quoted phrase searched in the whole record text (smart case).
  case text(String, column: Int)
  /// /pattern/flags over the whole record text.
  case regex(pattern: String, flags: String, column: Int)
  case comparison(QueryComparison)
  /// `exists(name)` or `name:*`.
  case exists(name: String, column: Int)
  /// `name in (a, b, c)`.
  case oneOf(name: String, column: Int, values: [QueryLiteral])
  case not(QueryNode)
  case and([QueryNode])
  case or([QueryNode])

  /// A normalized, compact rendering used by tests and debugging, e.g.
  /// `and(cmp(level >= warn), text("timeout"))`.
  var description: String {
    switch self {
    case .all: "all"
    case .text(let text, _): "text(\(Query.quote(text)))"
    case .regex(let pattern, let flags, _): "regex(/\(pattern)/\(flags))"
    case .comparison(let c): "cmp(\(c.name) \(c.op.symbol) \(c.value.described))"
    case .exists(let name, _): "exists(\(name))"
    case .oneOf(let name, _, let values):
      "in(\(name), [\(values.map(\.described).joined(separator: ", "))])"
    case .not(let inner): "not(\(inner))"
    case .and(let children): "and(\(children.map(\.description).joined(separator: ", ")))"
    case .or(let children): "or(\(children.map(\.description).joined(separator: ", ")))"
    }
  }
}
