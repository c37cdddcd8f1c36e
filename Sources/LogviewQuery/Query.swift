import LogviewCore

/// A parsed filter. Parsing checks the syntax; `compile` resolves what depends
/// on the data and the clock (levels, time bounds, regexes) into a `Filter`.
public struct Query: Sendable {
  /// The text the query was parsed from.
  public let text: String
  let root: QueryNode

  /// Parses a filter; empty or blank text matches everything.
  public static func parse(_ text: String) throws(QueryError) -> Query {
    Query(text: text, root: try QueryParser.parse(text))
  }

  /// `text` as a quoted phrase of the language (quotes and backslashes escaped).
  public static func quote(_ text: String) -> String {
    var out = "\""
    // By scalar, as the lexer reads: a quote followed by a combining mark is one Character,
    // which compared unequal to "\"" and went unescaped.
    for scalar in text.unicodeScalars {
      if scalar == "\"" || scalar == "\\" { out.unicodeScalars.append("\\") }
      out.unicodeScalars.append(scalar)
    }
    return out + "\""
  }

  /// Compiles to a predicate. `now` (ns since the epoch, UTC) anchors relative times like
  /// `-15m`; `zone` interprets wall-clock times like `10:42`.
  public func compile(now: Int64, zone: TimeZoneRule) throws(QueryError) -> Filter {
    Filter(root: try FilterCompiler(now: now, zone: zone).compile(root))
  }
}
