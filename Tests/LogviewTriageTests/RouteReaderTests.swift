import LogviewCore
import Testing

@testable import LogviewTriage

/// Where a record's route comes from, how its path is cut and folded, and its method.
@Suite struct RouteReaderTests {
  static func route(_ line: String) -> LatencyRoute? {
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBytes { text in
      Normalizer().withRecord(text) { RouteReader.route(of: $0) }
    }
  }

  /// (record, route name, field it came from, method field)
  static let cases: [(String, String?, String?, String?)] = [
    // The incident's checkout-api: nested http.method and http.path.
    (
      #"{"service":"checkout-api","durationMs":339,"http":{"method":"POST","path":"/v1/orders","status":201}}"#,
      "POST /v1/orders", "http.path", "http.method"
    ),
    // IDs in the path folded, the query string and fragment dropped.
    (
      #"{"method":"GET","path":"/v1/orders/123/items?expand=1"}"#, "GET /v1/orders/<num>/items",
      "path", "method"
    ),
    (#"{"path":"/v1/orders/ord_981#top"}"#, "/v1/orders/<id>", "path", nil),
    (
      #"{"http.method":"DELETE","http.path":"/users/550e8400-e29b-41d4-a716-446655440000"}"#,
      "DELETE /users/<uuid>", "http.path", "http.method"
    ),
    (#"{"route":"/blobs/9f86d081884c7d659a2feaa0c55ad015"}"#, "/blobs/<hex>", "route", nil),
    // A route template is preferred to the path, and kept as written.
    (
      #"{"http":{"method":"GET","path":"/v1/orders/42","route":"/v1/orders/{id}"}}"#,
      "GET /v1/orders/{id}", "http.route", "http.method"
    ),
    // nginx: request_uri with request_method; an access line's request.
    (
      #"{"request_method":"POST","request_uri":"/v1/payments?x=1","request_time":2.4}"#,
      "POST /v1/payments", "request_uri", "request_method"
    ),
    (
      #"{"request":"GET /v1/orders/ord_088121 HTTP/2.0","request_time":"0.002"}"#,
      "GET /v1/orders/<id>", "request", nil
    ),
    (#"{"request":"GET /search?q=caf%C3%A9&page=2 HTTP/1.1"}"#, "GET /search", "request", nil),
    // A URL: scheme and host dropped; bunyan's req.url with req.method.
    (#"{"url":"https://shop.example.com/cart/77?x"}"#, "/cart/<num>", "url", nil),
    (#"{"req":{"method":"POST","url":"/orders"}}"#, "POST /orders", "req.url", "req.method"),
    // OpenTelemetry attributes, ECS http.request.method with url.path.
    (
      #"{"attributes":{"http.route":"/healthz","http.method":"GET"}}"#, "GET /healthz",
      "attributes.http.route", "attributes.http.method"
    ),
    (
      #"{"http":{"request":{"method":"PUT"}},"url":{"path":"/v1/carts/c_91"}}"#,
      "PUT /v1/carts/<id>", "url.path", "http.request.method"
    ),
    // No route: no path field, a path not starting with '/', a URL without a path, a number.
    (#"{"message":"GET /v1/orders","durationMs":3}"#, nil, nil, nil),
    (#"{"path":"images/logo.png"}"#, nil, nil, nil),
    (#"{"url":"https://example.com"}"#, nil, nil, nil),
    (#"{"path":42}"#, nil, nil, nil),
    (#"not json at all"#, nil, nil, nil),
    // A method that is no word is left out.
    (#"{"method":"G E T","path":"/x"}"#, "/x", "path", nil),
  ]

  @Test(arguments: cases)
  func routeOfRecord(_ line: String, _ name: String?, _ field: String?, _ methodField: String?) {
    let route = Self.route(line)
    #expect(route?.name == name)
    #expect(route?.fieldPath == field)
    #expect(route?.methodFieldPath == methodField)
  }

  @Test func longPathsAreCut() {
    let long = "/" + String(repeating: "a", count: 300)
    let route = Self.route(#"{"path":"\#(long)"}"#)
    #expect(route?.path.count == RouteReader.maxPathBytes)
  }

  /// One row per method and path whatever the fields: the first record's fields are kept.
  @Test func routesAreTheSameByMethodAndPath() {
    let a = Self.route(#"{"method":"GET","path":"/x/1"}"#)
    let b = Self.route(#"{"request":"GET /x/2 HTTP/1.1"}"#)
    #expect(a == b && a?.field != b?.field)
    #expect(Set([a, b]).count == 1)
  }
}
