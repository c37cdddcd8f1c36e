import LogviewSystem
import NIOHTTP1

/// Elasticsearch's and OpenSearch's REST API as logview uses it: `GET /` (which of the two),
/// `_mapping`, a point in time (each has its own endpoints), `_search`. Credentials:
/// user-info in the address or ES_USERNAME / ES_PASSWORD (basic), ES_API_KEY (ApiKey),
/// ES_BEARER_TOKEN (bearer).
struct ElasticClient: Sendable {
  enum Distribution: String, Sendable { case elasticsearch, opensearch }

  /// The address's last path segment: an index, a pattern (`logs-*`) or a comma list.
  let index: String
  /// Scheme, authority and any path before the index (a proxy's prefix).
  let base: String
  let endpoint: String
  let headers: [(String, String)]
  var fetcher: HTTPFetcher
  static let unauthorizedHint =
    "give user:password@ in the address, or set ES_API_KEY, ES_BEARER_TOKEN or ES_USERNAME "
    + "and ES_PASSWORD"

  init(_ address: StoreAddress, environment: [String: String]) throws(StoreError) {
    let segments = address.pathPrefix.split(separator: "/", omittingEmptySubsequences: true)
    guard let last = segments.last else {
      throw .badAddress(
        address.display, reason: "no index: give es://HOST:PORT/INDEX (a pattern such as logs-*)")
    }
    index = String(last)
    base =
      (address.secure ? "https://" : "http://") + address.authority
      + segments.dropLast().map { "/" + $0 }.joined()
    endpoint = address.display
    fetcher = HTTPFetcher(endpoint: address.display)
    headers = Self.headers(address, environment)
  }

  static func headers(_ address: StoreAddress, _ environment: [String: String])
    -> [(String, String)]
  {
    var headers: [(String, String)] = [
      ("Accept", "application/json"), ("Content-Type", "application/json"),
    ]
    let value = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    if let basic = address.basicAuthorization {
      headers.append(basic)
    } else if let key = value("ES_API_KEY") {
      headers.append(("Authorization", "ApiKey " + key))
    } else if let token = value("ES_BEARER_TOKEN") {
      headers.append(("Authorization", "Bearer " + token))
    } else if let user = value("ES_USERNAME") {
      headers.append(
        StoreAddress.basicAuthorization(user: user, password: value("ES_PASSWORD") ?? ""))
    }
    return headers
  }

  /// Which server answers and its version, from `GET /`; nil when stopped.
  func server(stop: WakePipe) throws(StoreError) -> (Distribution, version: [Int])? {
    guard let answer = try send("/", stop: stop) else { return nil }
    let found: (String?, String)? = answer.withUnsafeBytes { raw in
      guard let version = ElasticPage.object(raw)?.member("version") else { return nil }
      return (
        version.member("distribution")?.decodedString(),
        version.member("number")?.decodedString() ?? ""
      )
    }
    guard let found else {
      throw .malformed(
        endpoint: endpoint, what: "GET / did not describe an Elasticsearch or OpenSearch server")
    }
    let version = found.1.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
    return (found.0 == "opensearch" ? .opensearch : .elasticsearch, version)
  }

  /// What orders hits of equal time within a point in time: `_shard_doc`, which OpenSearch
  /// has only since 3.3 (before, `_id`, which it can sort on).
  static func tiebreaker(_ distribution: Distribution, version: [Int]) -> String {
    distribution == .opensearch && version.lexicographicallyPrecedes([3, 3]) ? "_id" : "_shard_doc"
  }

  /// The field types of the indices; nil when stopped.
  func mapping(stop: WakePipe) throws(StoreError) -> ElasticMapping? {
    guard let answer = try send("/\(encodedIndex)/_mapping", stop: stop) else { return nil }
    return try ElasticMapping.parse(answer, endpoint: endpoint)
  }

  /// A point in time over the indices (a stable view to page through); nil when stopped.
  func openPointInTime(_ distribution: Distribution, keepAlive: String, stop: WakePipe)
    throws(StoreError) -> String?
  {
    let path =
      distribution == .opensearch
      ? "/\(encodedIndex)/_search/point_in_time?keep_alive=\(keepAlive)"
      : "/\(encodedIndex)/_pit?keep_alive=\(keepAlive)"
    guard let answer = try send(path, method: .POST, stop: stop) else { return nil }
    let id: String? = answer.withUnsafeBytes { raw in
      let member = ElasticPage.object(raw)?.member(distribution == .opensearch ? "pit_id" : "id")
      return member.flatMap { $0.kind == .string ? $0.decodedString() : nil }
    }
    guard let id else {
      throw .malformed(endpoint: endpoint, what: "no point-in-time id in the answer")
    }
    return id
  }

  /// Frees a point in time; failures do not matter (it expires after its keep-alive).
  func closePointInTime(_ id: String, _ distribution: Distribution) {
    let (path, body) =
      distribution == .opensearch
      ? ("/_search/point_in_time", #"{"pit_id":[\#(ElasticQuery.quoted(id))]}"#)
      : ("/_pit", #"{"id":\#(ElasticQuery.quoted(id))}"#)
    _ = try? fetcher.send(
      base + path, method: .DELETE, headers: headers, body: Array(body.utf8),
      unauthorizedHint: Self.unauthorizedHint, stop: WakePipe())
  }

  /// One page of `_search` within a point in time, read as it streams: `take` gets the hits
  /// of each piece of the answer as they complete (false: stop). The page as read (hits
  /// counted, last sort values, the point in time's id), or nil when stopped or refused.
  func search(
    _ body: String, timeField: String?, stop: WakePipe, take: ([ElasticHit]) -> Bool
  ) throws(StoreError) -> (page: ElasticPage, pitId: String?)? {
    var page = ElasticPage(timeField: timeField, endpoint: endpoint)
    var failure: StoreError?
    let ended = try fetcher.stream(
      base + "/_search", method: .POST, headers: headers, body: Array(body.utf8),
      unauthorizedHint: Self.unauthorizedHint, errorMessage: ElasticPage.errorMessage, stop: stop
    ) { bytes in
      let read = bytes.withUnsafeBytes { raw in
        Result { () throws(StoreError) in try page.read(raw) }
      }
      switch read {
      case .success(let hits): return hits.isEmpty || take(hits)
      case .failure(let error):
        failure = error
        return false
      }
    }
    if let failure { throw failure }
    guard ended == true else { return nil }
    return (page, try page.finish())
  }

  private func send(_ path: String, method: HTTPMethod = .GET, body: String? = nil, stop: WakePipe)
    throws(StoreError) -> [UInt8]?
  {
    try fetcher.send(
      base + path, method: method, headers: headers, body: body.map { Array($0.utf8) },
      unauthorizedHint: Self.unauthorizedHint, errorMessage: ElasticPage.errorMessage,
      stop: stop)
  }

  /// The index in a path: percent-encoded but for the pattern's `*` and list's `,`.
  private var encodedIndex: String {
    index.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.split(separator: "*", omittingEmptySubsequences: false)
        .map { StoreAddress.percentEncoded(String($0)) }.joined(separator: "*")
    }.joined(separator: ",")
  }
}
