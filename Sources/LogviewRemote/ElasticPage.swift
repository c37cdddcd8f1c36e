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

/// A search answer read while it streams: each hit as soon as it is complete; once the
/// answer ended, the point in time's id to send with the next page (it may change from page
/// to page).
struct ElasticPage {
  /// The one the hits are sorted by first, if any.
  let timeField: String?
  let endpoint: String
  private var stream = JSONElementStream(path: ["hits", "hits"])
  /// One scanner for every hit (its member list is allocated once).
  private var scanner = JSONObjectScanner()
  /// Hits read so far, and the last one's sort values.
  private(set) var count = 0
  private(set) var lastSort: String?

  init(timeField: String?, endpoint: String) {
    self.timeField = timeField
    self.endpoint = endpoint
  }

  /// The hits completed by this piece of the answer.
  mutating func read(_ bytes: UnsafeRawBufferPointer) throws(StoreError) -> [ElasticHit] {
    var hits: [ElasticHit] = []
    let timeField = self.timeField
    var scanner = self.scanner
    defer { self.scanner = scanner }
    let whole = stream.feed(bytes) { element in
      guard scanner.scan(element) else { return false }
      let root = JSONValue(
        bytes: UnsafeRawBufferPointer(rebasing: element[scanner.objectRange]), kind: .object,
        hasEscapes: false)
      guard let hit = Self.hit(root, timeField: timeField) else { return false }
      hits.append(hit)
      return true
    }
    guard whole else {
      throw .malformed(endpoint: endpoint, what: "a hit without _id, _source or sort")
    }
    count += hits.count
    if let last = hits.last { lastSort = last.sort }
    return hits
  }

  /// Once the answer ended: the point in time's id, if it sent one.
  func finish() throws(StoreError) -> String? {
    guard stream.complete, stream.found else {
      throw .malformed(
        endpoint: endpoint,
        what: stream.found ? "an answer cut short" : "not a search answer (no hits.hits)")
    }
    return stream.rest.withUnsafeBytes { raw in
      Self.object(raw)?.member("pit_id").flatMap { $0.kind == .string ? $0.decodedString() : nil }
    }
  }

  /// A whole answer: its hits and point-in-time id.
  static func parse(_ body: [UInt8], timeField: String?, endpoint: String) throws(StoreError)
    -> (hits: [ElasticHit], pitId: String?)
  {
    var page = ElasticPage(timeField: timeField, endpoint: endpoint)
    let read = body.withUnsafeBytes { raw in Result { () throws(StoreError) in try page.read(raw) }
    }
    return (try read.get(), try page.finish())
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
