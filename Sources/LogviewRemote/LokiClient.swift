import LogviewSystem

/// Loki's HTTP API v1 (query_range, labels) with logcli's conventions for credentials:
/// LOKI_ORG_ID (X-Scope-OrgID), LOKI_USERNAME / LOKI_PASSWORD or user-info in the address
/// (basic), LOKI_BEARER_TOKEN or LOKI_BEARER_TOKEN_FILE. Retries what a retry can fix: 429
/// (after Retry-After), 5xx and broken connections, with bounded exponential backoff.
struct LokiClient: Sendable {
  let address: StoreAddress
  let headers: [(String, String)]
  var fetcher: HTTPFetcher

  init(_ address: StoreAddress, environment: [String: String]) throws(StoreError) {
    self.address = address
    fetcher = HTTPFetcher(endpoint: address.display)
    headers = try Self.headers(address, environment)
  }

  static func headers(_ address: StoreAddress, _ environment: [String: String])
    throws(StoreError) -> [(String, String)]
  {
    var headers: [(String, String)] = [("Accept", "application/json")]
    if let org = environment["LOKI_ORG_ID"], !org.isEmpty { headers.append(("X-Scope-OrgID", org)) }
    var token = environment["LOKI_BEARER_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    if token == nil, let file = environment["LOKI_BEARER_TOKEN_FILE"], !file.isEmpty {
      guard let bytes = FileContents.read(file, limit: 1 << 16) else {
        throw .badAddress(address.display, reason: "cannot read LOKI_BEARER_TOKEN_FILE \(file)")
      }
      token = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first
        .map(String.init)
    }
    if let token {
      headers.append(("Authorization", "Bearer " + token))
    } else if let user = address.user ?? environment["LOKI_USERNAME"], !user.isEmpty {
      let password = address.password ?? environment["LOKI_PASSWORD"] ?? ""
      headers.append(StoreAddress.basicAuthorization(user: user, password: password))
    }
    return headers
  }

  /// One page of query_range, forward in time from `start` (inclusive) to `end`
  /// (exclusive), nanoseconds. Nil when stopped.
  func queryRange(_ query: String, start: Int64, end: Int64, limit: Int, stop: WakePipe)
    throws(StoreError) -> LokiPage?
  {
    let url =
      address.baseURL + "/loki/api/v1/query_range?query=" + StoreAddress.percentEncoded(query)
      + "&start=\(start)"
      + "&end=\(end)&limit=\(limit)&direction=forward"
    // Read as it streams: the answer is never held whole.
    var reader = LokiPage.Reader(endpoint: address.display)
    var failure: StoreError?
    let ended = try fetcher.stream(
      url, headers: headers, unauthorizedHint: Self.unauthorizedHint, stop: stop
    ) { bytes in
      let read = bytes.withUnsafeBytes { raw in
        Result { () throws(StoreError) in try reader.read(raw) }
      }
      if case .failure(let error) = read { failure = error }
      return failure == nil
    }
    if let failure { throw failure }
    guard ended == true else { return nil }
    return try reader.finish()
  }

  /// The label names Loki has over the window; nil when stopped.
  func labels(start: Int64, end: Int64, stop: WakePipe) throws(StoreError) -> [String]? {
    let url = address.baseURL + "/loki/api/v1/labels?start=\(start)&end=\(end)"
    guard let answer = try fetch(url, stop: stop) else { return nil }
    return try LokiPage.parseLabels(answer, endpoint: address.display)
  }

  /// The streams (their labels) that `selector` selects with entries in [start, end); nil
  /// when stopped.
  func series(_ selector: String, start: Int64, end: Int64, stop: WakePipe) throws(StoreError)
    -> [[(name: String, value: String)]]?
  {
    let url =
      address.baseURL + "/loki/api/v1/series?match%5B%5D=" + StoreAddress.percentEncoded(selector)
      + "&start=\(start)&end=\(end)"
    guard let answer = try fetch(url, stop: stop) else { return nil }
    return try LokiPage.parseSeries(answer, endpoint: address.display)
  }

  /// A websocket tail of `query` from `start` (inclusive), history first, then live.
  func tail(_ query: String, start: Int64) -> LokiTail {
    let base = address.secure ? "wss://" : "ws://"
    let url =
      base + address.authority + address.pathPrefix + "/loki/api/v1/tail?query="
      + StoreAddress.percentEncoded(query)
      + "&start=\(start)&limit=\(LokiPager.largestLimit)&delay_for=0"
    return LokiTail(
      url: url, headers: headers, endpoint: address.display, caFile: fetcher.caFile)
  }

  static let unauthorizedHint =
    "set LOKI_USERNAME and LOKI_PASSWORD, LOKI_BEARER_TOKEN(_FILE) or LOKI_ORG_ID"

  /// A 2xx answer, after retries; nil when stopped.
  private func fetch(_ url: String, stop: WakePipe) throws(StoreError) -> [UInt8]? {
    try fetcher.send(url, headers: headers, unauthorizedHint: Self.unauthorizedHint, stop: stop)
  }
}
