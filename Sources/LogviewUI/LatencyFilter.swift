import LogviewCore
import LogviewQuery
import LogviewTriage

/// The filter text Enter on a latency row adds: the row's records at or above its p99 (its
/// service, its route matched by a regular expression on the field the route was read from,
/// the method, and `duration>=` the p99 as shown). "At or above": with fewer than a hundred
/// records the p99 is the slowest one.
enum LatencyFilter {
  /// The terms for `line`; nil for the routes past those told apart.
  static func terms(_ line: LatencyPane.Line, in table: LatencyTable) -> String? {
    var terms: [String] = []
    let quantiles: LatencyTable.Quantiles?
    switch line {
    case .service(let s):
      terms.append(service(table.services[s].service))
      quantiles = table.services[s].quantiles
    case .route(let s, let r):
      let row = table.services[s].routes[r]
      terms.append(service(table.services[s].service))
      terms += route(row.route)
      quantiles = row.quantiles
    case .otherRoutes:
      return nil
    case .all:
      quantiles = table.all
    }
    guard let p99 = quantiles?.shown[2] else { return nil }
    return (terms + ["duration>=" + literal(p99)]).joined(separator: " ")
  }

  /// `service=NAME`, or records without a service.
  static func service(_ name: String) -> String {
    name.isEmpty ? "not exists(service)" : FilterPivot.term(path: "service", value: name) ?? ""
  }

  /// The method's term when it came from a field of its own, and the path's.
  static func route(_ route: LatencyRoute) -> [String] {
    var terms: [String] = []
    if let method = route.method, let field = route.methodFieldPath,
      let term = FilterPivot.term(path: field, value: method)
    {
      terms.append(term)
    }
    terms.append(route.fieldPath + "=~" + Query.quote(regex(route)))
    return terms
  }

  static let anyScheme = "(?:[A-Za-z][A-Za-z0-9+.-]*://[^/]*)?"
  static let placeholders = VariableKind.allCases.map { Array($0.placeholder.utf8) }

  /// The folded path as a regular expression over the field's text: each placeholder any
  /// text up to the next `/`, the rest literal, a query string allowed after it.
  static func regex(_ route: LatencyRoute) -> String {
    var out: [UInt8] = Array("^".utf8)
    switch route.role {
    case .path, .method: break
    case .url: out += Array(anyScheme.utf8)
    case .requestLine:
      out += route.method.map { Array(escaped(Array($0.utf8))) } ?? Array("[^ ]+".utf8)
      out += Array((" " + anyScheme).utf8)
    }
    let path = route.path
    var i = 0
    while i < path.count {
      if path[i] == UInt8(ascii: "<"),
        let placeholder = placeholders.first(where: { path[i...].starts(with: $0) })
      {
        out += Array("[^/?#]+".utf8)
        i += placeholder.count
      } else {
        out += escaped([path[i]])
        i += 1
      }
    }
    out += Array((route.role == .requestLine ? "(?:[?#][^ ]*)?(?: |$)" : "(?:[?#].*)?$").utf8)
    return String(decoding: out, as: UTF8.self)
  }

  /// Bytes with the regular expression's special characters escaped.
  static func escaped(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for byte in bytes {
      if #"\^$.|?*+()[]{}"#.utf8.contains(byte) { out.append(UInt8(ascii: "\\")) }
      out.append(byte)
    }
    return out
  }

  /// A duration the filter reads back exactly: "151ms", "1500us", "812ns".
  static func literal(_ nanos: Int64) -> String {
    if nanos % 1_000_000 == 0 { return "\(nanos / 1_000_000)ms" }
    if nanos % 1_000 == 0 { return "\(nanos / 1_000)us" }
    return "\(nanos)ns"
  }
}
