import LogviewCore

/// One hit of a search: where it lives, its document, and its sort values as sent (for
/// search_after) with the time among them.
struct ElasticHit: Sendable, Equatable {
  let index: String
  let id: String
  /// `_source`, one line (a pretty-printing proxy's newlines between tokens are spaces).
  let source: [UInt8]
  /// The `sort` array's JSON text.
  let sort: String
  /// The time field's sort value, epoch milliseconds.
  let millis: Int64?
  /// The document holds the time field itself (the record's time comes from it).
  var hasOwnTime = false
}

/// A search answer: its hits, and the point in time's id to send with the next page (it may
/// change from page to page).
struct ElasticPage: Sendable {
  var hits: [ElasticHit] = []
  var pitId: String?

  /// `timeField`: the one the hits are sorted by first, if any.
  static func parse(_ body: [UInt8], timeField: String?, endpoint: String) throws(StoreError)
    -> ElasticPage
  {
    var page = ElasticPage()
    var failure: String?
    body.withUnsafeBytes { raw in
      guard let root = object(raw), let hits = root.member("hits")?.member("hits"),
        hits.kind == .array
      else {
        failure = "not a search answer (no hits.hits)"
        return
      }
      page.pitId = root.member("pit_id").flatMap { $0.kind == .string ? $0.decodedString() : nil }
      hits.forEachElement { hit in
        guard let parsed = Self.hit(hit, timeField: timeField) else {
          failure = "a hit without _id, _source or sort"
          return false
        }
        page.hits.append(parsed)
        return true
      }
    }
    if let failure { throw .malformed(endpoint: endpoint, what: failure) }
    return page
  }

  private static func hit(_ hit: JSONValue, timeField: String?) -> ElasticHit? {
    guard let id = hit.member("_id"), id.kind == .string,
      let source = hit.member("_source"), source.kind == .object,
      let sort = hit.member("sort"), sort.kind == .array
    else { return nil }
    var first: JSONValue?
    sort.forEachElement {
      first = $0
      return false
    }
    var parsed = ElasticHit(
      index: hit.member("_index")?.decodedString() ?? "", id: id.decodedString(),
      source: source.bytes.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 },
      sort: String(decoding: sort.bytes, as: UTF8.self),
      millis: timeField == nil ? nil : first.flatMap { $0.kind == .number ? $0.int64() : nil })
    parsed.hasOwnTime = timeField.map { source.member($0) != nil } ?? false
    return parsed
  }

  /// `{"error":{"type":...,"reason":...},"status":N}` as "type: reason" (the root cause's
  /// when it says more); other bodies cut short.
  static func errorMessage(_ body: [UInt8]) -> String {
    let message: String? = body.withUnsafeBytes { raw in
      guard let error = object(raw)?.member("error") else { return nil }
      if error.kind == .string { return error.decodedString() }
      var cause = error
      error.member("root_cause")?.forEachElement {
        cause = $0
        return false
      }
      let type = cause.member("type")?.decodedString() ?? ""
      let reason = cause.member("reason")?.decodedString() ?? ""
      return type.isEmpty ? reason : "\(type): \(reason)"
    }
    return message.map { StoreError.excerpt(Array($0.utf8)) } ?? StoreError.excerpt(body)
  }

  /// The body's top-level object.
  static func object(_ raw: UnsafeRawBufferPointer) -> JSONValue? {
    var scanner = JSONObjectScanner()
    guard scanner.scan(raw) else { return nil }
    return JSONValue(
      bytes: UnsafeRawBufferPointer(rebasing: raw[scanner.objectRange]), kind: .object,
      hasEscapes: false)
  }
}
