/// Recursive-descent parser for the filter language (its grammar: man/logview.1).
///
///     filter  := or? end
///     or      := and (('or' | '||') and)*
///     and     := unary (('and' | '&&')? unary)*          juxtaposition is AND
///     unary   := ('not' | '!')* primary
///     primary := '(' or ')' | 'exists' '(' name ')' | name 'in' '(' values ')'
///              | name op value | word | "phrase" | /regex/flags
///
/// Parentheses are the only recursion; their depth is capped so hostile input cannot
/// exhaust the stack.
struct QueryParser {
  static let maxDepth = 64

  private var lexer: QueryLexer
  private var depth = 0

  private init(_ text: String) {
    lexer = QueryLexer(text)
  }

  static func parse(_ text: String) throws(QueryError) -> QueryNode {
    var parser = QueryParser(text)
    return try parser.parseFilter()
  }

  // MARK: - Grammar

  private mutating func parseFilter() throws(QueryError) -> QueryNode {
    if try peek().kind == .end { return .all }
    let node = try parseOr()
    let rest = try take()
    switch rest.kind {
    case .end: return node
    case .closeParen: throw error(at: rest, "unexpected ')' (no matching '(')")
    default: throw error(at: rest, "unexpected \(rest.quotedForMessage)")
    }
  }

  private mutating func parseOr() throws(QueryError) -> QueryNode {
    var children = [try parseAnd()]
    while true {
      let (token, after) = try peekWithLexer()
      guard try keyword(token, after) == .or else { break }
      _ = try take()
      try expectTerm(after: token)
      children.append(try parseAnd())
    }
    return children.count == 1 ? children[0] : .or(children)
  }

  private mutating func parseAnd() throws(QueryError) -> QueryNode {
    var children = [try parseUnary()]
    while true {
      let (token, after) = try peekWithLexer()
      if token.kind == .end || token.kind == .closeParen { break }
      let word = try keyword(token, after)
      if word == .or { break }
      if word == .and {
        _ = try take()
        try expectTerm(after: token)
      }
      children.append(try parseUnary())
    }
    return children.count == 1 ? children[0] : .and(children)
  }

  /// Negations are counted, not nested: `not not x` is `x`, and a long run of `!` costs no stack.
  private mutating func parseUnary() throws(QueryError) -> QueryNode {
    var negations = 0
    var (token, after) = try peekWithLexer()
    while try keyword(token, after) == .not {
      _ = try take()
      try expectTerm(after: token)
      negations += 1
      (token, after) = try peekWithLexer()
    }
    let node = try parsePrimary()
    return negations % 2 == 1 ? .not(node) : node
  }

  private mutating func parsePrimary() throws(QueryError) -> QueryNode {
    let token = try take()
    switch token.kind {
    case .openParen:
      return try parseGroup(open: token)
    case .closeParen:
      throw error(at: token, "unexpected ')' (no matching '(')")
    case .comparison(_, let spelling):
      throw error(at: token, "expected a field name before '\(spelling)'")
    case .and, .or, .not, .comma:
      throw error(at: token, "expected a term before \(token.quotedForMessage)")
    case .end:
      throw error(at: token, "expected a term")
    case .regex(let pattern, let flags):
      return .regex(pattern: pattern, flags: flags, column: column(token.start))
    case .quoted(let text):
      if case .comparison = try peek().kind { return try parseComparison(name: text, token) }
      return .text(text, column: column(token.start))
    case .word(let text):
      let next = try peek()
      if case .comparison = next.kind { return try parseComparison(name: text, token) }
      if let word = try keyword(token, lexer) {
        throw error(at: token, "expected a term before '\(word.rawValue)'")
      }
      if next.kind == .openParen && text.lowercased() == "exists" {
        return try parseExists()
      }
      if case .word(let follower) = next.kind, follower.lowercased() == "in",
        try peekSecond().kind == .openParen
      {
        return try parseList(name: text, token)
      }
      return .text(text, column: column(token.start))
    }
  }

  private mutating func parseGroup(open: QueryToken) throws(QueryError) -> QueryNode {
    guard depth < Self.maxDepth else {
      throw error(at: open, "too deeply nested (more than \(Self.maxDepth) levels of '(')")
    }
    switch try peek().kind {
    case .closeParen: throw error(at: open, "empty parentheses")
    case .end: throw error(at: open, "unclosed '('")
    default: break
    }
    depth += 1
    let inner = try parseOr()
    depth -= 1
    guard try take().kind == .closeParen else { throw error(at: open, "unclosed '('") }
    return inner
  }

  private mutating func parseComparison(name: String, _ nameToken: QueryToken)
    throws(QueryError) -> QueryNode
  {
    let opToken = try take()
    guard case .comparison(let op, let spelling) = opToken.kind else {
      throw error(at: opToken, "expected an operator")
    }
    let valueToken = try take(.value(allowRegex: op.takesRegex))
    let form: QueryLiteral.Form
    let text: String
    switch valueToken.kind {
    case .word(let word):
      (text, form) = (word, .bare)
    case .quoted(let quoted):
      (text, form) = (quoted, .quoted)
    case .regex(let pattern, let flags):
      (text, form) = (pattern, .regex(flags: flags))
    default:
      throw error(at: valueToken, "expected a value after '\(spelling)'")
    }
    let nameColumn = column(nameToken.start)
    // `name:*` asks whether the field is there at all; quote the star to compare with "*".
    if form == .bare && text == "*" {
      if op == .equal { return .exists(name: name, column: nameColumn) }
      if op == .notEqual { return .not(.exists(name: name, column: nameColumn)) }
    }
    let value = QueryLiteral(text: text, form: form, column: column(valueToken.start))
    return .comparison(
      QueryComparison(
        name: name, nameColumn: nameColumn, op: op, opSpelling: spelling,
        opColumn: column(opToken.start), value: value))
  }

  /// After `exists`: `( name )`.
  private mutating func parseExists() throws(QueryError) -> QueryNode {
    let open = try take()
    let nameToken = try take()
    let name: String
    switch nameToken.kind {
    case .word(let text), .quoted(let text): name = text
    case .end: throw error(at: open, "unclosed '('")
    default: throw error(at: nameToken, "expected a field name inside exists()")
    }
    let close = try take()
    switch close.kind {
    case .closeParen: return .exists(name: name, column: column(nameToken.start))
    case .end: throw error(at: open, "unclosed '('")
    default: throw error(at: close, "expected ')' after the field name")
    }
  }

  /// After a name: `in ( item [,] item ... )`.
  private mutating func parseList(name: String, _ nameToken: QueryToken) throws(QueryError)
    -> QueryNode
  {
    _ = try take()  // in
    let open = try take()
    var values: [QueryLiteral] = []
    loop: while true {
      let item = try take(.listItem)
      switch item.kind {
      case .comma: continue
      case .closeParen: break loop
      case .word(let text):
        values.append(QueryLiteral(text: text, form: .bare, column: column(item.start)))
      case .quoted(let text):
        values.append(QueryLiteral(text: text, form: .quoted, column: column(item.start)))
      case .end: throw error(at: open, "unclosed '('")
      default: throw error(at: item, "expected a value or ')' in the list")
      }
    }
    guard !values.isEmpty else { throw error(at: open, "empty list after 'in'") }
    return .oneOf(name: name, column: column(nameToken.start), values: values)
  }

  // MARK: - Tokens

  private enum Keyword: String {
    case and, or, not
  }

  /// `and`/`or`/`not` in any case, `&&`, `||`, `!`. A keyword spelling followed by an
  /// operator is a field name instead (`not:x`); `after` is the lexer just past `token`.
  private func keyword(_ token: QueryToken, _ after: QueryLexer) throws(QueryError) -> Keyword? {
    switch token.kind {
    case .and: return .and
    case .or: return .or
    case .not: return .not
    case .word(let text):
      guard text.utf8.count <= 3, let word = Keyword(rawValue: text.lowercased()) else {
        return nil
      }
      var copy = after
      if case .comparison = try copy.next(.term).kind { return nil }
      return word
    default: return nil
    }
  }

  /// `and`, `or` and `not` must be followed by something to combine.
  private func expectTerm(after token: QueryToken) throws(QueryError) {
    let (next, after) = try peekWithLexer()
    let missing: Bool
    switch next.kind {
    case .end, .closeParen: missing = true
    default: missing = try keyword(next, after).map { $0 != .not } ?? false
    }
    if missing {
      let word: String
      if case .word(let text) = token.kind {
        word = "'\(text)'"
      } else {
        word = token.quotedForMessage
      }
      throw error(at: next, "expected a term after \(word)")
    }
  }

  private func peek(_ mode: QueryLexMode = .term) throws(QueryError) -> QueryToken {
    var copy = lexer
    return try copy.next(mode)
  }

  /// The next term-mode token and the lexer positioned just after it.
  private func peekWithLexer() throws(QueryError) -> (QueryToken, QueryLexer) {
    var copy = lexer
    let token = try copy.next(.term)
    return (token, copy)
  }

  private func peekSecond() throws(QueryError) -> QueryToken {
    var copy = lexer
    _ = try copy.next(.term)
    return try copy.next(.term)
  }

  private mutating func take(_ mode: QueryLexMode = .term) throws(QueryError) -> QueryToken {
    try lexer.next(mode)
  }

  private func column(_ offset: Int) -> Int { QueryError.column(at: offset, in: lexer.source) }

  private func error(at token: QueryToken, _ message: String) -> QueryError {
    QueryError(offset: token.start, in: lexer.source, message)
  }
}
