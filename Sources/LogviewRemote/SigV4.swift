import Crypto
import LogviewCore

/// AWS Signature Version 4, header form, for a request whose body is in hand: the
/// canonical request, the string to sign and the key derived from the secret for the
/// day, region and service.
struct SigV4: Sendable {
  let credentials: AWSCredentials
  let region: String
  let service: String

  /// `headers` holds every header to sign, `Host` included. Returns them with X-Amz-Date,
  /// X-Amz-Security-Token (temporary credentials) and Authorization added, and the signature
  /// (a secret of its own: kept out of messages).
  func sign(
    method: String, path: String, query: [(String, String)] = [], headers: [(String, String)],
    body: [UInt8], amzDate: String
  ) -> (headers: [(String, String)], signature: String) {
    var all = headers + [("X-Amz-Date", amzDate)]
    if let token = credentials.sessionToken { all.append(("X-Amz-Security-Token", token)) }
    let canonical = Self.canonicalHeaders(all)
    let request = [
      method, Self.canonicalPath(path), Self.canonicalQuery(query), canonical.text,
      canonical.names, Self.hex(Array(SHA256.hash(data: body))),
    ].joined(separator: "\n")
    let day = String(amzDate.prefix(8))
    let scope = "\(day)/\(region)/\(service)/aws4_request"
    let stringToSign = [
      "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(Array(SHA256.hash(data: Array(request.utf8)))),
    ].joined(separator: "\n")
    var key = Array(("AWS4" + credentials.secretAccessKey).utf8)
    for part in [day, region, service, "aws4_request"] { key = Self.hmac(key, part) }
    let signature = Self.hex(Self.hmac(key, stringToSign))
    all.append(
      (
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), "
          + "SignedHeaders=\(canonical.names), Signature=\(signature)"
      ))
    return (all, signature)
  }

  /// "20150830T123600Z" for a time in nanoseconds since the epoch.
  static func amzDate(_ nanos: Int64) -> String {
    // "2015-08-30T12:36:00.000Z" without its separators and milliseconds.
    let text = TimestampFormatter.rfc3339Millis(nanos)
    return String(text.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
  }

  /// Names lower-cased and sorted, values trimmed with inner runs of spaces collapsed; the
  /// values of a repeated name joined by commas.
  static func canonicalHeaders(_ headers: [(String, String)]) -> (text: String, names: String) {
    var byName: [String: [String]] = [:]
    for (name, value) in headers {
      let collapsed = value.split(separator: " ", omittingEmptySubsequences: true)
        .joined(separator: " ")
      byName[name.lowercased(), default: []].append(collapsed)
    }
    let names = byName.keys.sorted()
    let text = names.map { $0 + ":" + byName[$0, default: []].joined(separator: ",") + "\n" }
    return (text.joined(), names.joined(separator: ";"))
  }

  /// Each segment percent-encoded (RFC 3986 unreserved characters kept).
  static func canonicalPath(_ path: String) -> String {
    guard !path.isEmpty else { return "/" }
    return path.split(separator: "/", omittingEmptySubsequences: false)
      .map { StoreAddress.percentEncoded(String($0)) }.joined(separator: "/")
  }

  /// Encoded pairs sorted by name, then value.
  static func canonicalQuery(_ query: [(String, String)]) -> String {
    query.map { (StoreAddress.percentEncoded($0.0), StoreAddress.percentEncoded($0.1)) }
      .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
      .map { $0.0 + "=" + $0.1 }.joined(separator: "&")
  }

  static func hmac(_ key: [UInt8], _ text: String) -> [UInt8] {
    Array(
      HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: key)))
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
