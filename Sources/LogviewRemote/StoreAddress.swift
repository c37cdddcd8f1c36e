import LogviewCore

/// A log store named as a source: `loki://HOST:PORT[/PREFIX]?selector=...` (`loki+https://`
/// for TLS; `loki:` alone takes the address from LOKI_ADDR). Parameters are percent-decoded.
struct StoreAddress: Sendable, Equatable {
  enum Kind: String, Sendable { case loki, journal, es, cloudwatch }

  struct QueryItem: Sendable, Equatable {
    let name: String
    let value: String
  }

  let kind: Kind
  let secure: Bool
  /// "host:port", without user-info.
  let authority: String
  /// "" or "/prefix", without a trailing slash.
  let pathPrefix: String
  /// The query's pairs in order, repeats kept (journal matches on one field are ORed).
  let queryItems: [QueryItem]
  /// From user-info in the address (never shown).
  let user: String?
  let password: String?

  /// The authority's host, without the port (an IPv6 literal keeps its brackets).
  var host: String {
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      return String(authority[...close])
    }
    return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
  }

  var baseURL: String { (secure ? "https://" : "http://") + authority + pathPrefix }

  /// The address as shown in messages and the source column: never the user-info.
  var display: String { "\(kind.rawValue)\(secure ? "+https" : "")://\(authority)\(pathPrefix)" }

  static let storeSchemes: Set<String> = ["loki", "es", "journal", "cloudwatch"]

  /// True when `path` names a store rather than a file.
  static func isStore(_ path: String) -> Bool {
    guard let colon = path.firstIndex(of: ":") else { return false }
    let scheme = path[..<colon].split(separator: "+").first.map { $0.lowercased() } ?? ""
    return storeSchemes.contains(scheme)
  }

  init(_ text: String, environment: [String: String]) throws(StoreError) {
    guard let colon = text.firstIndex(of: ":") else {
      throw .badAddress(Self.masked(text), reason: "no scheme")
    }
    let scheme = text[..<colon].lowercased().split(separator: "+").map(String.init)
    guard let name = scheme.first, let kind = Kind(rawValue: name) else {
      throw .badAddress(
        Self.masked(text),
        reason: "unknown scheme \(scheme.first ?? "")")
    }
    var secure = scheme.count > 1 && scheme[1] == "https"
    var rest = Substring(text[text.index(after: colon)...])
    if !rest.hasPrefix("//") {
      // `loki:` or `loki:?selector=...`: the address comes from LOKI_ADDR (logcli's variable).
      guard kind == .loki, let address = environment["LOKI_ADDR"],
        let addressColon = address.firstIndex(of: ":")
      else {
        throw .badAddress(
          text,
          reason: kind == .loki
            ? "no host: give loki://HOST:PORT or set LOKI_ADDR"
            : "no host: give \(kind.rawValue)://HOST:PORT")
      }
      secure = address[..<addressColon].lowercased() == "https"
      rest = address[address.index(after: addressColon)...] + rest
    }
    try self.init(kind: kind, secure: secure, afterScheme: rest)
  }

  /// `afterScheme`: "//[user[:password]@]host[:port][/prefix][?query]".
  private init(kind: Kind, secure: Bool, afterScheme text: Substring) throws(StoreError) {
    guard text.hasPrefix("//") else {
      throw .badAddress(Self.masked(String(text)), reason: "expected //HOST:PORT")
    }
    let body = text.dropFirst(2)
    let queryStart = body.firstIndex(of: "?") ?? body.endIndex
    var location = body[..<queryStart]
    if let at = location.lastIndex(of: "@") {
      let info = location[..<at]
      let colon = info.firstIndex(of: ":") ?? info.endIndex
      user = Self.percentDecoded(info[..<colon])
      password =
        colon < info.endIndex ? Self.percentDecoded(info[info.index(after: colon)...]) : nil
      location = location[location.index(after: at)...]
    } else {
      user = nil
      password = nil
    }
    let slash = location.firstIndex(of: "/") ?? location.endIndex
    guard slash > location.startIndex else {
      throw .badAddress(
        Self.masked(String(text)), reason: "no host: give \(kind.rawValue)://HOST:PORT")
    }
    self.kind = kind
    self.secure = secure
    authority = String(location[..<slash])
    var prefix = String(location[slash...])
    while prefix.hasSuffix("/") { prefix.removeLast() }
    pathPrefix = prefix
    var items: [QueryItem] = []
    let query = queryStart < body.endIndex ? body[body.index(after: queryStart)...] : ""
    for pair in query.split(separator: "&") {
      let equals = pair.firstIndex(of: "=") ?? pair.endIndex
      let value = equals < pair.endIndex ? pair[pair.index(after: equals)...] : ""
      items.append(
        QueryItem(name: Self.percentDecoded(pair[..<equals]), value: Self.percentDecoded(value)))
    }
    queryItems = items
  }

  /// The query parameter's last value, nil when absent or empty.
  func parameter(_ name: String) -> String? {
    queryItems.last { $0.name == name }.flatMap { $0.value.isEmpty ? nil : $0.value }
  }

  /// Percent-encoding for a query parameter: all but RFC 3986's unreserved characters.
  static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out +=
          "%" + String(byte >> 4, radix: 16, uppercase: true)
          + String(byte & 15, radix: 16, uppercase: true)
      }
    }
    return out
  }

  /// The `Authorization` header for the address's user-info, if it has any.
  var basicAuthorization: (String, String)? {
    user.map { Self.basicAuthorization(user: $0, password: password ?? "") }
  }

  static func basicAuthorization(user: String, password: String) -> (String, String) {
    ("Authorization", "Basic " + Base64.encode(Array((user + ":" + password).utf8)))
  }

  /// `%XX` decoded; an invalid escape is kept as written. `+` stays a plus.
  static func percentDecoded(_ text: Substring) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
        let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
      {
        out.append(high << 4 | low)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: c - 0x30
    case 0x41...0x46: c - 0x41 + 10
    case 0x61...0x66: c - 0x61 + 10
    default: nil
    }
  }

  /// The text with any user-info replaced by `***`.
  static func masked(_ text: String) -> String {
    guard let slashes = text.firstRange(of: "//") else { return text }
    let rest = text[slashes.upperBound...]
    let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    guard let at = rest[..<end].lastIndex(of: "@") else { return text }
    return String(text[..<slashes.upperBound]) + "***" + String(rest[at...])
  }
}
