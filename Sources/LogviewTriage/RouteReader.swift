import LogviewCore

/// The HTTP route of a record, for latency per route: the method and the path, with the query
/// string dropped and the IDs in it folded by `VariableText` (`/v1/orders/123?x=1` ->
/// `/v1/orders/<num>`), and the fields they came from (the explorer filters on them).
///
/// The path is the first found of, in order: a route template (`http.route`, `route`), a
/// path (`http.path`, `path`, `url.path`, `http.target`, `request_uri`, `uri`, and the same
/// under `req`, `request` and OpenTelemetry's `attributes`), a URL (`url`, `http.url`,
/// `url.original`, `url.full`, `req.url`, `request.url`: scheme and host dropped), an
/// access line's `request` ("GET /x HTTP/1.1"). It must begin with `/`. The method comes from
/// `method`, `http.method`, `http.request.method`, `request_method`, `req.method`,
/// `request.method`, else from the request line.
public enum RouteReader {
  /// Where a path was read from, and so how a filter matches it again.
  public enum Role: UInt8, Sendable {
    /// The field holds the path (or a route template), perhaps with a query string.
    case path
    /// The field holds a URL or a path.
    case url
    /// The field holds "METHOD TARGET PROTOCOL".
    case requestLine
    case method
  }

  /// Field paths, most preferred first within their role; a route template and a path come
  /// before a URL, a URL before a request line.
  static let fields: [(path: String, role: Role)] = [
    ("http.route", .path), ("route", .path), ("attributes.http.route", .path),
    ("http.path", .path), ("path", .path), ("url.path", .path), ("http.target", .path),
    ("request_uri", .path), ("uri", .path), ("req.path", .path), ("request.path", .path),
    ("request.uri", .path), ("attributes.url.path", .path), ("attributes.http.target", .path),
    ("url", .url), ("http.url", .url), ("url.original", .url), ("url.full", .url),
    ("req.url", .url), ("request.url", .url), ("attributes.url.full", .url),
    ("attributes.http.url", .url),
    ("request", .requestLine),
    ("method", .method), ("http.method", .method), ("http.request.method", .method),
    ("request_method", .method), ("req.method", .method), ("request.method", .method),
    ("attributes.http.method", .method), ("attributes.http.request.method", .method),
  ]
  /// The longest route kept, in bytes (longer ones are cut).
  static let maxPathBytes = 200

  /// The fields' paths and, for a top-level key, the fields (bits) it may begin by its
  /// length and by its first byte: a record's keys are mostly other names, told apart by
  /// those two before any byte compare. Read once per record (a static is checked per use).
  struct Tables {
    let paths: [[UInt8]] = RouteReader.fields.map { Array($0.path.utf8) }
    var byLength = [UInt64](repeating: 0, count: 40)
    var byFirst = [UInt64](repeating: 0, count: 256)

    init() {
      for (index, path) in paths.enumerated() {
        byFirst[Int(path[0])] |= 1 << UInt64(index)
        for end in path.indices where end + 1 == path.count || path[end + 1] == UInt8(ascii: ".") {
          byLength[end + 1] |= 1 << UInt64(index)
        }
      }
    }
  }
  static let tables = Tables()

  /// The route of `record`, nil when it has no path field (or the path does not begin with
  /// `/`).
  public static func route(of record: RecordView) -> LatencyRoute? {
    var found = Found()
    let tables = Self.tables
    record.forEachOwnMember { key, value in
      // Most keys are no route field: told by their length and first byte, inline.
      let length = key.bytes.count
      guard length > 0, length < tables.byLength.count else { return }
      let bits = tables.byLength[length] & tables.byFirst[Int(key.bytes[0])]
      if bits != 0 { visit(key, value, start: 0, candidates: bits, tables: tables, into: &found) }
    }
    guard let target = found.target else { return nil }
    return target.value.withDecodedBytes { text in
      route(text, role: fields[target.field].role, field: target.field, method: found.method)
    }
  }

  /// The best target and method found so far (the lowest field index wins).
  struct Found {
    var target: (field: Int, value: JSONValue)?
    var method: (field: Int, value: JSONValue)?

    mutating func offer(_ field: Int, _ value: JSONValue) {
      guard value.kind == .string else { return }
      if fields[field].role == .method {
        if method.map({ field < $0.field }) ?? true { method = (field, value) }
      } else if target.map({ field < $0.field }) ?? true {
        target = (field, value)
      }
    }
  }

  /// A member at `start` bytes into the fields' paths (the keys above it matched), against
  /// the fields in `candidates`: a field it completes is offered; an object it leads into is
  /// visited.
  static func visit(
    _ key: JSONValue, _ value: JSONValue, start: Int, candidates: UInt64, tables: Tables,
    into found: inout Found
  ) {
    let length = key.bytes.count
    guard length > 0, start + length < tables.byLength.count, !key.hasEscapes else { return }
    var bits = candidates
    var inside: UInt64 = 0
    let end = start + length
    while bits != 0 {
      let index = bits.trailingZeroBitCount
      bits &= bits - 1
      let path = tables.paths[index]
      guard end <= path.count,
        end == path.count || path[end] == UInt8(ascii: "."),
        path.withUnsafeBytes({ key.bytes.elementsEqual($0[start..<end]) })
      else { continue }
      if end == path.count {
        found.offer(index, value)
      } else {
        inside |= 1 << UInt64(index)
      }
    }
    guard inside != 0, value.kind == .object else { return }
    value.forEachMember { innerKey, innerValue in
      visit(
        innerKey, innerValue, start: end + 1, candidates: inside, tables: tables, into: &found)
      return true
    }
  }

  /// The route from a field's decoded text.
  static func route(
    _ text: UnsafeRawBufferPointer, role: Role, field: Int, method: (field: Int, value: JSONValue)?
  ) -> LatencyRoute? {
    var target = text
    var lineMethod: UnsafeRawBufferPointer?
    if role == .requestLine {
      guard let space = text.firstIndex(of: UInt8(ascii: " ")) else { return nil }
      lineMethod = UnsafeRawBufferPointer(rebasing: text[..<space])
      let rest = UnsafeRawBufferPointer(rebasing: text[(space + 1)...])
      let end = rest.firstIndex(of: UInt8(ascii: " ")) ?? rest.count
      target = UnsafeRawBufferPointer(rebasing: rest[..<end])
    }
    if role != .path { target = withoutSchemeAndHost(target) }
    let end = target.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
    target = UnsafeRawBufferPointer(rebasing: target[..<min(end ?? target.count, maxPathBytes)])
    guard target.first == UInt8(ascii: "/") else { return nil }
    var route = LatencyRoute(path: [], field: field)
    VariableText.fold(target, into: &route.path)
    if let method, let name = method.value.withDecodedBytes(methodName) {
      route.method = name
      route.methodField = method.field
    } else if let lineMethod {
      route.method = methodName(lineMethod)
    }
    return route
  }

  /// "https://shop.example.com/v1/x" -> "/v1/x"; a path is left as it is.
  static func withoutSchemeAndHost(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let colon = text.prefix(16).firstIndex(of: UInt8(ascii: ":")), colon > 0,
      text[..<colon].allSatisfy({ isLetter($0) || $0 == UInt8(ascii: "+") }),
      colon + 2 < text.count, text[colon + 1] == UInt8(ascii: "/"),
      text[colon + 2] == UInt8(ascii: "/")
    else { return text }
    let host = colon + 3
    let slash = text[host...].firstIndex(of: UInt8(ascii: "/"))
    // A URL without a path asks for "/".
    guard let slash else { return UnsafeRawBufferPointer(rebasing: text[text.count...]) }
    return UnsafeRawBufferPointer(rebasing: text[slash...])
  }

  /// A method as written when it is one word of letters ("GET", "post"); nil otherwise.
  static func methodName(_ text: UnsafeRawBufferPointer) -> String? {
    guard !text.isEmpty, text.count <= 16, text.allSatisfy(isLetter) else { return nil }
    return String(decoding: text, as: UTF8.self)
  }

  static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
}

/// A record's route: its method (nil when none was found) and its folded path, and the
/// fields they were read from (indices into `RouteReader.fields`).
public struct LatencyRoute: Hashable, Sendable {
  // One row per method and path: the fields are those of the first record seen.
  public static func == (a: Self, b: Self) -> Bool { a.method == b.method && a.path == b.path }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(method)
    // The bytes at once: combining an array hashes it a byte per call.
    path.withUnsafeBytes { hasher.combine(bytes: $0) }
  }

  public var method: String?
  /// The path, query string dropped and IDs folded: "/v1/orders/<num>".
  public var path: [UInt8]
  /// The field the path was read from.
  public var field: Int
  /// The field the method was read from; nil when it came from the request line or is
  /// missing.
  public var methodField: Int?

  public init(method: String? = nil, path: [UInt8], field: Int, methodField: Int? = nil) {
    self.method = method
    self.path = path
    self.field = field
    self.methodField = methodField
  }

  /// "POST /v1/orders/<num>", or the path alone (controls escaped).
  public var name: String {
    let path = TextSanitizer.sanitized(String(decoding: self.path, as: UTF8.self))
    return method.map { "\($0) \(path)" } ?? path
  }

  /// The field's dotted path ("http.path") and how it holds the path.
  public var fieldPath: String { RouteReader.fields[field].path }
  public var role: RouteReader.Role { RouteReader.fields[field].role }
  public var methodFieldPath: String? { methodField.map { RouteReader.fields[$0].path } }
}
