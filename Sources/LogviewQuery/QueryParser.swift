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
  private var columns: ColumnCounter
  /// The term-mode token at `from` and the lexer past it: the grammar looks at each token
  /// several times before taking it, and lexing it each time tripled the work.
  private var ahead: (from: Int, token: QueryToken, after: QueryLexer)?

  private init(_ text: String) {
    lexer = QueryLexer(text)
    columns = ColumnCounter(text, bytes: lexer.source)
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
      if next.kind == .openParen && Self.spells(text, "exists") {
        return try parseExists()
      }
      if case .word(let follower) = next.kind, Self.spells(follower, "in"),
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
    // Columns in the order written: the counter goes on from the last one asked for.
    let nameColumn = column(nameToken.start)
    let opColumn = column(opToken.start)
    let valueColumn = column(valueToken.start)
    // `name:*` asks whether the field is there at all; quote the star to compare with "*".
    if form == .bare && text == "*" {
      if op == .equal { return .exists(name: name, column: nameColumn) }
      if op == .notEqual { return .not(.exists(name: name, column: nameColumn)) }
    }
    let value = QueryLiteral(text: text, form: form, column: valueColumn)
    return .comparison(
      QueryComparison(
        name: name, nameColumn: nameColumn, op: op, opSpelling: spelling, opColumn: opColumn,
        value: value))
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
    let nameColumn = column(nameToken.start)
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
    return .oneOf(name: name, column: nameColumn, values: values)
  }

  // MARK: - Tokens

  private enum Keyword: String, CaseIterable {
    case and, or, not
  }

  /// `text` is `word` (lowercase letters) in any case; no lowercased copy per word.
  private static func spells(_ text: String, _ word: String) -> Bool {
    text.utf8.count == word.utf8.count && text.utf8.elementsEqual(word.utf8) { $0 | 0x20 == $1 }
  }

  /// `and`/`or`/`not` in any case, `&&`, `||`, `!`. A keyword spelling followed by an
  /// operator is a field name instead (`not:x`); `after` is the lexer just past `token`.
  private func keyword(_ token: QueryToken, _ after: QueryLexer) throws(QueryError) -> Keyword? {
    switch token.kind {
    case .and: return .and
    case .or: return .or
    case .not: return .not
    case .word(let text):
      guard let word = Keyword.allCases.first(where: { Self.spells(text, $0.rawValue) }) else {
        return nil
      }
      var copy = after
      if case .comparison = try copy.next(.term).kind { return nil }
      return word
    default: return nil
    }
  }

  /// `and`, `or` and `not` must be followed by something to combine.
  private mutating func expectTerm(after token: QueryToken) throws(QueryError) {
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

  private mutating func peek() throws(QueryError) -> QueryToken {
    try peekWithLexer().0
  }

  /// The next term-mode token and the lexer positioned just after it.
  private mutating func peekWithLexer() throws(QueryError) -> (QueryToken, QueryLexer) {
    if let ahead, ahead.from == lexer.position { return (ahead.token, ahead.after) }
    var copy = lexer
    let token = try copy.next(.term)
    ahead = (lexer.position, token, copy)
    return (token, copy)
  }

  private mutating func peekSecond() throws(QueryError) -> QueryToken {
    var copy = try peekWithLexer().1
    return try copy.next(.term)
  }

  private mutating func take(_ mode: QueryLexMode = .term) throws(QueryError) -> QueryToken {
    if mode == .term, let ahead, ahead.from == lexer.position {
      lexer = ahead.after
      return ahead.token
    }
    return try lexer.next(mode)
  }

  private mutating func column(_ offset: Int) -> Int { columns.column(at: offset) }

  private func error(at token: QueryToken, _ message: String) -> QueryError {
    QueryError(offset: token.start, in: lexer.source, message)
  }
}
