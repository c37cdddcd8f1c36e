import LogviewCore
import LogviewSystem
import NIOHTTP1

/// CloudWatch Logs' JSON API, FilterLogEvents alone, signed with SigV4. The endpoint is
/// AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, else AWS_ENDPOINT_URL, else the region's. Server text
/// put in a message is cut to its first line with the secrets taken out.
struct CloudWatchClient: Sendable {
  /// One FilterLogEvents call.
  struct Request: Sendable, Equatable {
    var group: String
    var streamPrefix: String?
    /// Milliseconds, both inclusive (as CloudWatch reads them).
    var startTime: Int64
    var endTime: Int64?
    var filterPattern: String?
    var nextToken: String?
    /// 10,000 is the most CloudWatch returns at once.
    var limit = 10_000
  }

  /// The source's name, in messages.
  let display: String
  let region: String
  let url: String
  let host: String
  let path: String
  let signer: SigV4
  var fetcher: HTTPFetcher
  /// Signatures carry the real time, whatever LOGVIEW_NOW says.
  var clock: @Sendable () -> Int64 = { SystemClock.wallNanos() }

  init(region: String, display: String, environment: [String: String]) throws(StoreError) {
    let credentials = try AWSCredentials.resolve(environment, endpoint: display)
    let endpoint = try Self.endpoint(region: region, environment: environment, display: display)
    self.display = display
    self.region = region
    url = endpoint.url
    host = endpoint.host
    path = endpoint.path
    signer = SigV4(credentials: credentials, region: region, service: "logs")
    fetcher = HTTPFetcher(endpoint: display)
    fetcher.retriesAlso = { answer in
      CloudWatchPage.awsError(answer.body).map { Self.throttling.contains($0.type) } ?? false
    }
  }

  static let throttling: Set<String> = [
    "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
  ]
  /// Error types that mean the credentials or their rights: their messages may quote the
  /// canonical request (the session token in it), so only AccessDenied's is shown.
  static let refusals: Set<String> = [
    "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException",
    "MissingAuthenticationTokenException", "ExpiredTokenException", "AccessDeniedException",
    "InvalidClientTokenId", "SignatureDoesNotMatch", "MissingAuthenticationToken",
    "ExpiredToken", "AccessDenied", "NotAuthorized",
  ]

  /// The URL to post to, the Host header signed and the path (for the canonical request).
  static func endpoint(region: String, environment: [String: String], display: String)
    throws(StoreError) -> (url: String, host: String, path: String)
  {
    let given = ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_ENDPOINT_URL"].lazy
      .compactMap { name in environment[name].flatMap { $0.isEmpty ? nil : (name, $0) } }.first
    guard let (name, text) = given else {
      let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
      let host = "logs.\(region).\(domain)"
      return ("https://\(host)/", host, "/")
    }
    guard let schemeEnd = text.firstRange(of: "://"),
      ["http", "https"].contains(text[..<schemeEnd.lowerBound].lowercased())
    else {
      throw .badAddress(
        display, reason: "\(name) is not an http:// or https:// URL: \(StoreAddress.masked(text))")
    }
    let rest = text[schemeEnd.upperBound...]
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    let host = String(rest[..<slash])
    guard !host.isEmpty, !host.contains("@") else {
      throw .badAddress(
        display, reason: "\(name) has no host (or has user-info): give http(s)://HOST[:PORT]")
    }
    var path = String(rest[slash...])
    if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      path = String(path[..<query])
    }
    if path.isEmpty { path = "/" }
    return (text[..<schemeEnd.upperBound].lowercased() + host + path, host, path)
  }

  /// One page; nil when stopped.
  func filterLogEvents(_ request: Request, stop: WakePipe) throws(StoreError) -> CloudWatchPage? {
    let body = Self.body(request)
    let signed = signer.sign(
      method: "POST", path: path,
      headers: [
        ("Host", host), ("Content-Type", "application/x-amz-json-1.1"),
        ("X-Amz-Target", "Logs_20140328.FilterLogEvents"),
      ], body: body, amzDate: SigV4.amzDate(clock()))
    let answer: [UInt8]?
    do {
      answer = try fetcher.send(
        url, method: .POST, headers: signed.headers, body: body,
        unauthorizedHint: AWSCredentials.hint, stop: stop)
    } catch {
      throw explained(error, group: request.group, signature: signed.signature)
    }
    guard let answer else { return nil }
    return try CloudWatchPage.parse(answer, endpoint: display)
  }

  /// The request's JSON body.
  static func body(_ request: Request) -> [UInt8] {
    var out = Array(#"{"logGroupName":"#.utf8)
    JSONStringCodec.appendQuoted(request.group, to: &out)
    var strings = [("logStreamNamePrefix", request.streamPrefix)]
    strings += [("filterPattern", request.filterPattern), ("nextToken", request.nextToken)]
    for case (let name, let value?) in strings {
      out += Array(",\"\(name)\":".utf8)
      JSONStringCodec.appendQuoted(value, to: &out)
    }
    out += Array(",\"startTime\":\(request.startTime)".utf8)
    if let end = request.endTime { out += Array(",\"endTime\":\(end)".utf8) }
    // Deprecated and always true on AWS; emulators order events across streams by it.
    out += Array(",\"interleaved\":true,\"limit\":\(request.limit)}".utf8)
    return out
  }

  /// A store error in CloudWatch's words: the error type of a 4xx body, a missing log group
  /// said as such, refusals with what to set; never a secret.
  func explained(_ error: StoreError, group: String, signature: String) -> StoreError {
    guard case .rejected(let endpoint, let status, let excerpt) = error else { return error }
    let credentials = signer.credentials
    let clean = { (text: String) in
      credentials.scrubbed(
        String(text.split(whereSeparator: \.isNewline).first ?? ""), also: [signature])
    }
    guard let (type, message) = CloudWatchPage.awsError(Array(excerpt.utf8)) else {
      return .rejected(endpoint: endpoint, status: status, message: clean(excerpt))
    }
    if type == "ResourceNotFoundException" {
      return .badAddress(endpoint, reason: Self.missingGroup(group, region: region))
    }
    if Self.refusals.contains(type) {
      let detail = type.hasPrefix("AccessDenied") && !message.isEmpty ? " (\(clean(message)))" : ""
      return .unauthorized(
        endpoint: endpoint, status: status, hint: "\(type)\(detail): \(AWSCredentials.hint)")
    }
    return .rejected(
      endpoint: endpoint, status: status,
      message: type + (message.isEmpty ? "" : ": " + clean(message)))
  }

  /// "log group x does not exist in us-east-1", with the address of /x when that is meant.
  static func missingGroup(_ group: String, region: String) -> String {
    let said = "log group \(group) does not exist in \(region)"
    guard !group.hasPrefix("/"), group.hasPrefix("aws/") else { return said }
    return said + " (for /\(group), write cloudwatch://\(region)//\(group))"
  }
}
