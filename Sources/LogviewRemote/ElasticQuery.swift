import LogviewCore
import LogviewQuery

/// The search sent to Elasticsearch or OpenSearch: a bool filter of the window (a range on
/// the time field) and the filter's `name=value` terms where the index's mapping makes the
/// translation exact or wider, never narrower: `term` on keyword fields (and on a text
/// field's keyword multi-field) when the value is short enough to be indexed, `match_phrase`
/// on text fields (an analyzed phrase holds every value equal to it), `term` on booleans and
/// on `_index`, `ids` on `_id`. Text terms stay local: Lucene matches tokens, not the
/// substrings of the record that logview matches.
struct ElasticQuery: Sendable, Equatable {
  /// Bool filter clauses besides the window, as JSON.
  let clauses: [String]
  let pushed: [StoreTerm]
  let othersLocal: Bool
  /// Orders records and bounds the window; nil when the index has no date field to use.
  let timeField: String?
  /// Orders hits of equal time, making search_after exact: `_shard_doc` or `_id`.
  var tiebreaker = "_shard_doc"

  static func build(
    mapping: ElasticMapping, filter: (terms: [StoreTerm], othersRemain: Bool),
    requestId: String?, timeField: String?, tiebreaker: String = "_shard_doc"
  ) -> ElasticQuery {
    var clauses: [String] = []
    var pushed: [StoreTerm] = []
    var othersLocal = filter.othersRemain
    for term in filter.terms {
      if let clause = clause(term, mapping: mapping) {
        clauses.append(clause)
        pushed.append(term)
      } else {
        othersLocal = true
      }
    }
    if let requestId {
      // The ID as a phrase over every field: the records of a request hold it as a value or
      // a token of their message.
      clauses.append(
        #"{"multi_match":{"query":\#(quoted(requestId)),"type":"phrase","lenient":true}}"#)
      othersLocal = true
    }
    return ElasticQuery(
      clauses: clauses, pushed: pushed, othersLocal: othersLocal, timeField: timeField,
      tiebreaker: tiebreaker)
  }

  /// The clause for a term, or nil when no clause is exact or wider: `name in (a, b)` is one
  /// `terms` query where each value alone makes a `term`, else the values' clauses ORed.
  static func clause(_ term: StoreTerm, mapping: ElasticMapping) -> String? {
    switch term {
    case .text:
      return nil
    case .fieldEquals(let name, let value):
      return clause(name: name, value: value, mapping: mapping)
    case .fieldIn(let name, let values):
      let fields = Set(values.map { termField(name: name, value: $0, mapping: mapping) })
      if fields.count == 1, let field = fields.first ?? nil {
        return #"{"terms":{\#(quoted(field)):[\#(values.map(quoted).joined(separator: ","))]}}"#
      }
      let each = values.compactMap { clause(name: name, value: $0, mapping: mapping) }
      guard each.count == values.count else { return nil }
      return #"{"bool":{"should":[\#(each.joined(separator: ","))],"minimum_should_match":1}}"#
    }
  }

  /// The clause for `name=value` (compared as text), or nil when no clause is exact or wider.
  static func clause(name: String, value: String, mapping: ElasticMapping) -> String? {
    if name == "_id" { return #"{"ids":{"values":[\#(quoted(value))]}}"# }
    if let field = termField(name: name, value: value, mapping: mapping) {
      return #"{"term":{\#(quoted(field)):\#(quoted(value))}}"#
    }
    guard let field = mapping[name], field.type == "text" || field.type == "match_only_text"
    else { return nil }
    return #"{"match_phrase":{\#(quoted(name)):\#(quoted(value))}}"#
  }

  /// The field on which `name=value` is exactly a `term` query: `_index`, a keyword field or
  /// a text field's keyword multi-field holding values that long, a boolean; else nil.
  static func termField(name: String, value: String, mapping: ElasticMapping) -> String? {
    if name == "_index" { return name }
    guard let field = mapping[name] else { return nil }
    switch field.type {
    case "keyword", "constant_keyword", "wildcard":
      return fits(value, field) ? name : nil
    case "boolean":
      return value == "true" || value == "false" ? name : nil
    case "text", "match_only_text":
      guard let sub = field.keywordSubfield, let keyword = mapping[name + "." + sub],
        keyword.type == "keyword", fits(value, keyword)
      else { return nil }
      return name + "." + sub
    default:
      return nil
    }
  }

  private static func fits(_ value: String, _ field: ElasticMapping.Field) -> Bool {
    field.ignoreAbove.map { value.count <= $0 } ?? true
  }

  /// The query over [start, end) (nanoseconds; `end` nil: open), widened to whole
  /// milliseconds: logview bounds the records by --since/--until itself.
  func query(start: Int64?, end: Int64?) -> String {
    var filters = clauses
    if let timeField, start != nil || end != nil {
      var bounds: [String] = []
      if let start { bounds.append(#""gte":\#(Self.floorMillis(start))"#) }
      if let end { bounds.append(#""lt":\#(Self.floorMillis(end - 1) + 1)"#) }
      bounds.append(#""format":"epoch_millis""#)
      filters.insert(
        #"{"range":{\#(Self.quoted(timeField)):{\#(bounds.joined(separator: ","))}}}"#, at: 0)
    }
    if filters.isEmpty { return #"{"match_all":{}}"# }
    return #"{"bool":{"filter":[\#(filters.joined(separator: ","))]}}"#
  }

  /// By time, then the tiebreaker, which makes search_after exact across equal times.
  var sort: String {
    let tiebreak = #"{\#(Self.quoted(tiebreaker)):"asc"}"#
    guard let timeField else { return "[\(tiebreak)]" }
    return #"[{\#(Self.quoted(timeField)):"asc"},\#(tiebreak)]"#
  }

  /// One page's request body: within `pit`, after `searchAfter` (the last hit's raw sort
  /// values), never with from/size past the result window.
  func searchBody(
    size: Int, pit: String, keepAlive: String, searchAfter: String?, start: Int64?, end: Int64?
  ) -> String {
    var body =
      #"{"size":\#(size),"track_total_hits":false,"query":\#(query(start: start, end: end)),"#
      + #""sort":\#(sort),"pit":{"id":\#(Self.quoted(pit)),"keep_alive":"\#(keepAlive)"}"#
    // Some servers reject "search_after":null: the first page has none.
    if let searchAfter { body += #","search_after":\#(searchAfter)"# }
    return body + "}"
  }

  static func floorMillis(_ nanos: Int64) -> Int64 {
    nanos >= 0 ? nanos / 1_000_000 : (nanos - 999_999) / 1_000_000
  }

  static func quoted(_ text: String) -> String {
    var out: [UInt8] = []
    JSONStringCodec.appendQuoted(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}
