import AsyncHTTPClient
import Glibc
import LogviewSystem
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// An answer that is not 2xx, whole (its body is short: StreamingFetch keeps 4 KB of it).
struct HTTPAnswer: Sendable {
  let status: Int
  let headers: [(name: String, value: String)]
  let body: [UInt8]

  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// Blocking requests for reader threads, over AsyncHTTPClient's shared client: a request
/// in flight is cancelled as soon as the stop pipe is woken (q, Ctrl-C, the end of a run).
struct HTTPFetcher: Sendable {
  /// Shown in errors instead of the URL (no user-info, no query).
  let endpoint: String
  /// How long one request may take (--timeout).
  var timeoutNanos: Int64 = StoreOptions.defaultTimeoutNanos
  /// A page larger than this is an error rather than memory without bound.
  var maxBodyBytes = 256 << 20
  /// Certificates trusted besides the system's (--ca-file).
  var caFile: String?

  /// The run's --ca-file and --timeout.
  mutating func configure(for options: StoreOptions) {
    caFile = options.caFile
    timeoutNanos = options.timeoutNanos
  }

  /// Waits before each retry, in milliseconds (jitter is added).
  var backoff = [250, 500, 1_000, 2_000, 4_000]
  /// Other answers retried as a 429 is: a store's own word for "slow down" (CloudWatch
  /// throttles with a 400 and a ThrottlingException body).
  var retriesAlso: @Sendable (HTTPAnswer) -> Bool = { _ in false }

  /// A 2xx answer's body, after retrying what a retry can fix: 429 (after Retry-After), 5xx
  /// and broken connections, with bounded exponential backoff and jitter. 401/403 throw
  /// `unauthorized` with `hint` (what to set); other answers `rejected`, with the store's
  /// words for it (`errorMessage` of the body). A body past `maxBodyBytes` is an error
  /// rather than memory without bound. Nil when stopped.
  func send(
    _ url: String, method: HTTPMethod = .GET, headers: [(String, String)], body: [UInt8]? = nil,
    unauthorizedHint hint: String, errorMessage: ([UInt8]) -> String = StoreError.excerpt,
    stop: WakePipe
  ) throws(StoreError) -> [UInt8]? {
    var answer: [UInt8] = []
    let ended = try stream(
      url, method: method, headers: headers, body: body, unauthorizedHint: hint,
      errorMessage: errorMessage, stop: stop
    ) { bytes in
      answer += bytes
      return answer.count <= maxBodyBytes
    }
    guard let ended else { return nil }
    guard ended else {
      throw .unreachable(
        endpoint: endpoint, reason: "an answer larger than \(maxBodyBytes >> 20) MB")
    }
    return answer
  }

  /// Like `send`, but a 2xx answer's body goes to `receive` piece by piece as it arrives
  /// (false: give the request up), for answers parsed while they stream. Nothing is retried
  /// once part of a body was handed over; nothing arriving for --timeout is a time-out. True when
  /// the body ended, false when `receive` refused more; nil when stopped.
  func stream(
    _ url: String, method: HTTPMethod = .GET, headers: [(String, String)], body: [UInt8]? = nil,
    unauthorizedHint hint: String, errorMessage: ([UInt8]) -> String = StoreError.excerpt,
    stop: WakePipe, receive: ([UInt8]) -> Bool
  ) throws(StoreError) -> Bool? {
    var attempt = 0
    while true {
      let request = try StreamingFetch(
        url, method: method, headers: headers, body: body, endpoint: endpoint, caFile: caFile)
      var received = false
      var delay = 0
      reading: while true {
        guard
          let events = request.next(stop: stop, milliseconds: Int(timeoutNanos / 1_000_000))
        else { return nil }
        var failure: StoreError? =
          events.isEmpty ? .unreachable(endpoint: endpoint, reason: "timed out") : nil
        for event in events where failure == nil {
          switch event {
          case .data(let bytes):
            received = true
            if !receive(bytes) { return false }
          case .status(let answer):
            delay = try retryDelay(answer, attempt: attempt, hint: hint, errorMessage: errorMessage)
            break reading
          case .ended(let error):
            guard let error else { return true }
            failure = error
          }
        }
        guard let failure else { continue }
        // A refused connection is final at once: nothing listens there.
        guard !received, case .unreachable(_, let reason) = failure, !reason.contains("refused"),
          attempt < 2
        else { throw failure }
        break reading
      }
      guard wait(attempt, stop: stop, atLeast: delay) else { return nil }
      attempt += 1
    }
  }

  /// For an answer that is not 2xx: how long to wait before trying again (429 after its
  /// Retry-After, 5xx, what `retriesAlso` says), or the error it is.
  private func retryDelay(
    _ answer: HTTPAnswer, attempt: Int, hint: String, errorMessage: ([UInt8]) -> String
  ) throws(StoreError) -> Int {
    switch answer.status {
    case 401, 403:
      throw .unauthorized(endpoint: endpoint, status: answer.status, hint: hint)
    case 429 where attempt < backoff.count, 500..<600 where attempt < backoff.count,
      400..<500 where attempt < backoff.count && retriesAlso(answer):
      return answer.header("Retry-After").flatMap(Int.init).map { min($0, 30) * 1000 } ?? 0
    default:
      throw .rejected(endpoint: endpoint, status: answer.status, message: errorMessage(answer.body))
    }
  }

  /// Sleeps before retry `attempt` (with up to 25% jitter); false when stopped meanwhile.
  private func wait(_ attempt: Int, stop: WakePipe, atLeast: Int = 0) -> Bool {
    let base = backoff[min(attempt, backoff.count - 1)]
    let milliseconds = max(atLeast, base + Int.random(in: 0...(base / 4)))
    return !stop.wait(milliseconds: milliseconds).woken
  }

  /// One client for the process (never shut down: it lives as long as logview). A failed
  /// connection fails its request at once instead of being retried until the deadline:
  /// LokiClient decides what to retry, and "nothing listens there" must be said at once.
  static let client = HTTPClient(
    eventLoopGroupProvider: .singleton, configuration: configuration(caFile: nil))

  /// The client that also trusts `caFile`'s certificates (one per file, kept like `client`).
  static func client(caFile: String?) -> HTTPClient {
    guard let caFile else { return client }
    return trusting.withLock { clients in
      if let known = clients[caFile] { return known }
      let made = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: configuration(caFile: caFile))
      clients[caFile] = made
      return made
    }
  }

  private static let trusting = Mutex<[String: HTTPClient]>([:])

  private static func configuration(caFile: String?) -> HTTPClient.Configuration {
    var configuration = HTTPClient.Configuration(tlsConfiguration: tls(caFile: caFile))
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout.connect = .seconds(10)
    return configuration
  }

  /// The system's trust store, plus `caFile`'s certificates when given.
  static func tls(caFile: String?) -> TLSConfiguration {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let caFile { tls.additionalTrustRoots = [.file(caFile)] }
    return tls
  }

  /// A short reason for a transport failure.
  static func reason(_ error: Error) -> String {
    switch error {
    case let error as HTTPClientError where error == .deadlineExceeded: "timed out"
    case let error as HTTPClientError where error == .connectTimeout: "connection timed out"
    case let error as HTTPClientError where error == .remoteConnectionClosed:
      "the connection was closed before an answer"
    case let error as IOError: String(cString: strerror(error.errnoCode)).lowercased()
    case let error as NIOSSLError:
      if case .handshakeFailed = error {
        "TLS handshake failed: the server's certificate is not trusted (give its CA with --ca-file)"
      } else {
        "TLS failed: \(error)"
      }
    case let error as NIOConnectionError:
      error.connectionErrors.first.map { reason($0.error) }
        ?? (error.dnsAError ?? error.dnsAAAAError).map { _ in "unknown host \(error.host)" }
        ?? "cannot connect"
    case let error as SocketAddressError:
      if case .unknown(let host, _) = error { "unknown host \(host)" } else { "\(error)" }
    default: "\(error)"
    }
  }
}
