/// What the parser expects next. Bare runs end at different characters in each mode, which
/// lets values hold ':' or '=' (`until:10:42`, `url=a=b`) while search words stop at them.
enum QueryLexMode: Equatable {
  /// Search words, field names, keywords, operators and parentheses.
  case term
  /// The value after an operator; `/re/` is a regex only when the operator takes one, so
  /// `path=/v1/orders` stays a plain value.
  case value(allowRegex: Bool)
  /// An item inside `in ( ... )`; items end at ',' as well.
  case listItem
}

/// Splits a filter into tokens on demand. A value type, so the parser can look ahead by copying.
struct QueryLexer {
  let source: [UInt8]
  private(set) var position = 0

  init(_ text: String) {
    source = Array(text.utf8)
  }

  /// The next token in `mode`, or `.end`.
  mutating func next(_ mode: QueryLexMode) throws(QueryError) -> QueryToken {
    skipWhitespace()
    let start = position
    guard start < source.count else { return QueryToken(kind: .end, start: start, end: start) }
    let c = source[start]
    switch c {
    case UInt8(ascii: "("): return single(.openParen)
    case UInt8(ascii: ")"): return single(.closeParen)
    case UInt8(ascii: "\""), UInt8(ascii: "'"): return try quoted()
    default: break
    }
    if pairStarts(at: start) {
      position += 2
      let kind: QueryToken.Kind = c == UInt8(ascii: "&") ? .and : .or
      return QueryToken(kind: kind, start: start, end: position)
    }
    switch mode {
    case .term:
      if c == UInt8(ascii: "/") { return try regex() }
      if let token = operatorToken() { return token }
      return bareRun(mode)
    case .value(let allowRegex):
      if allowRegex && c == UInt8(ascii: "/") { return try regex() }
      return bareRun(mode)
    case .listItem:
      if c == UInt8(ascii: ",") { return single(.comma) }
      return bareRun(mode)
    }
  }

  // MARK: - Pieces

  private mutating func skipWhitespace() {
    while position < source.count, Self.isSpace(source[position]) { position += 1 }
  }

  private mutating func single(_ kind: QueryToken.Kind) -> QueryToken {
    position += 1
    return QueryToken(kind: kind, start: position - 1, end: position)
  }

  private func byte(at i: Int) -> UInt8? { i < source.count ? source[i] : nil }

  /// `&&` or `||` at `i`.
  private func pairStarts(at i: Int) -> Bool {
    guard let a = byte(at: i), a == UInt8(ascii: "&") || a == UInt8(ascii: "|") else {
      return false
    }
    return byte(at: i + 1) == a
  }

  /// A comparison operator or `!` at the current position, longest spelling first.
  private mutating func operatorToken() -> QueryToken? {
    let start = position
    let c = source[start]
    let d = byte(at: start + 1)
    let e = byte(at: start + 2)
    let eq = UInt8(ascii: "=")
    let tilde = UInt8(ascii: "~")
    let result: (ComparisonOperator?, Int)
    switch c {
    case UInt8(ascii: "!"):
      if d == eq && e == tilde {
        result = (.notMatches, 3)
      } else if d == eq || d == UInt8(ascii: ":") {
        result = (.notEqual, 2)
      } else if d == tilde {
        result = (.notContains, 2)
      } else {
        result = (nil, 1)
      }
    case eq:
      if d == tilde {
        result = (.matches, 2)
      } else {
        result = (.equal, d == eq ? 2 : 1)
      }
    case UInt8(ascii: "<"): result = d == eq ? (.lessOrEqual, 2) : (.less, 1)
    case UInt8(ascii: ">"): result = d == eq ? (.greaterOrEqual, 2) : (.greater, 1)
    case UInt8(ascii: ":"): result = (.equal, 1)
    case tilde: result = (.contains, 1)
    default: return nil
    }
    position = start + result.1
    guard let op = result.0 else { return QueryToken(kind: .not, start: start, end: position) }
    let spelling = String(decoding: source[start..<position], as: UTF8.self)
    return QueryToken(kind: .comparison(op, spelling: spelling), start: start, end: position)
  }

  /// A bare word or value: runs until a character that ends it in `mode`.
  private mutating func bareRun(_ mode: QueryLexMode) -> QueryToken {
    let start = position
    while position < source.count {
      let c = source[position]
      if Self.isSpace(c) || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") {
        break
      }
      if pairStarts(at: position) { break }
      if mode == .listItem && c == UInt8(ascii: ",") { break }
      if mode == .term && endsWord(c, at: position) { break }
      position += 1
    }
    let text = String(decoding: source[start..<position], as: UTF8.self)
    return QueryToken(kind: .word(text), start: start, end: position)
  }

  /// Operator characters end a search word so `level>=warn` needs no spaces; a '!' ends it
  /// only when it starts an operator, so `Hello!` stays one word.
  private func endsWord(_ c: UInt8, at i: Int) -> Bool {
    switch c {
    case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ":"),
      UInt8(ascii: "~"):
      return true
    case UInt8(ascii: "!"):
      let d = byte(at: i + 1)
      return d == UInt8(ascii: "=") || d == UInt8(ascii: "~") || d == UInt8(ascii: ":")
    default:
      return false
    }
  }

  /// "..." or '...': a backslash escapes the quote character and itself; any other backslash
  /// is kept, so regex values like "^\d+$" survive.
  private mutating func quoted() throws(QueryError) -> QueryToken {
    let start = position
    let quote = source[start]
    var out: [UInt8] = []
    var i = start + 1
    while i < source.count {
      let c = source[i]
      if c == quote {
        position = i + 1
        let text = String(decoding: out, as: UTF8.self)
        return QueryToken(kind: .quoted(text), start: start, end: position)
      }
      if c == UInt8(ascii: "\\"), let d = byte(at: i + 1), d == quote || d == c {
        out.append(d)
        i += 2
        continue
      }
      out.append(c)
      i += 1
    }
    let mark = quote == UInt8(ascii: "\"") ? "\"" : "'"
    throw QueryError(
      offset: start, in: source, "unterminated quoted text (missing closing \(mark))")
  }

  /// /pattern/flags. `\/` stands for '/'; other escapes are left for the regex engine.
  private mutating func regex() throws(QueryError) -> QueryToken {
    let start = position
    var out: [UInt8] = []
    var i = start + 1
    var closed = false
    while i < source.count {
      let c = source[i]
      if c == UInt8(ascii: "/") {
        closed = true
        i += 1
        break
      }
      if c == UInt8(ascii: "\\"), let d = byte(at: i + 1) {
        if d != UInt8(ascii: "/") { out.append(c) }
        out.append(d)
        i += 2
        continue
      }
      out.append(c)
      i += 1
    }
    guard closed else {
      throw QueryError(offset: start, in: source, "unterminated regex (missing closing '/')")
    }
    let flagsStart = i
    while let f = byte(at: i), Self.isLetter(f) {
      guard f == UInt8(ascii: "i") || f == UInt8(ascii: "m") || f == UInt8(ascii: "s") else {
        let flag = String(decoding: [f], as: UTF8.self)
        throw QueryError(
          offset: i, in: source,
          "unknown regex flag '\(flag)' (use i, m or s; quote text that contains '/')")
      }
      i += 1
    }
    position = i
    let pattern = String(decoding: out, as: UTF8.self)
    let flags = String(decoding: source[flagsStart..<i], as: UTF8.self)
    return QueryToken(kind: .regex(pattern: pattern, flags: flags), start: start, end: i)
  }

  static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C
  }

  static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- UInt8(ascii: "a") < 26 }
}
