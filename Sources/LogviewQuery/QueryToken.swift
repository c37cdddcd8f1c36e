/// One lexical unit of a filter, with its UTF-8 byte range in the query text.
struct QueryToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// A bare run of characters: a search word, a field name, a keyword or a bare value.
    case word(String)
    /// "..." or '...' with escapes resolved.
    case quoted(String)
    /// /pattern/flags with `\/` resolved to `/`.
    case regex(pattern: String, flags: String)
    /// A comparison operator; `spelling` is what the user typed (for messages).
    case comparison(ComparisonOperator, spelling: String)
    case openParen
    case closeParen
    case comma
    /// `&&`
    case and
    /// `||`
    case or
    /// `!` on its own (not part of `!=`, `!~`, `!:`).
    case not
    case end
  }

  var kind: Kind
  /// Byte offset of the first byte of the token.
  var start: Int
  /// Byte offset just past the token.
  var end: Int

  /// How the token reads in an error message ("'>='", "')'", "the end of the filter").
  var quotedForMessage: String {
    switch kind {
    case .word(let text): "'\(text)'"
    case .quoted(let text): "\"\(text)\""
    case .regex(let pattern, let flags): "/\(pattern)/\(flags)"
    case .comparison(_, let spelling): "'\(spelling)'"
    case .openParen: "'('"
    case .closeParen: "')'"
    case .comma: "','"
    case .and: "'&&'"
    case .or: "'||'"
    case .not: "'!'"
    case .end: "the end of the filter"
    }
  }
}
