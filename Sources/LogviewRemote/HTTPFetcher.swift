import AsyncHTTPClient
import Glibc
import LogviewSystem
import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP answer, body whole (a store's page is bounded by the page size asked for).
struct HTTPAnswer: Sendable {
  let status: Int
  let headers: [(name: String, value: String)]
  let body: [UInt8]

  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// Blocking GETs for reader threads, over AsyncHTTPClient's shared client: a request
/// in flight is cancelled as soon as the stop pipe is woken (q, Ctrl-C, the end of a run).
struct HTTPFetcher: Sendable {
  /// Shown in errors instead of the URL (no user-info, no query).
  let endpoint: String
  var timeoutSeconds: Int64 = 60
  /// A page larger than this is an error rather than memory without bound.
  var maxBodyBytes = 256 << 20

  /// The answer, or nil when `stop` was woken first.
  func get(_ url: String, headers: [(String, String)], stop: WakePipe) throws(StoreError)
    -> HTTPAnswer?
  {
    let request: HTTPClient.Request
    do {
      request = try HTTPClient.Request(url: url, method: .GET, headers: HTTPHeaders(headers))
    } catch {
      throw .badAddress(endpoint, reason: "\(error)")
    }
    let task = Self.client.execute(
      request: request,
      delegate: ResponseAccumulator(request: request, maxBodySize: maxBodyBytes),
      deadline: .now() + .seconds(timeoutSeconds))
    let done = WakePipe()
    task.futureResult.whenComplete { _ in done.wake() }
    if stop.wait(for: done.readDescriptor, milliseconds: nil).woken {
      task.cancel()
      return nil
    }
    let response: HTTPClient.Response
    do {
      response = try task.futureResult.wait()
    } catch {
      throw .unreachable(endpoint: endpoint, reason: Self.reason(error))
    }
    var body: [UInt8] = []
    if var buffer = response.body { body = buffer.readBytes(length: buffer.readableBytes) ?? [] }
    return HTTPAnswer(
      status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
      body: body)
  }

  /// One client for the process (never shut down: it lives as long as logview). A failed
  /// connection fails its request at once instead of being retried until the deadline:
  /// LokiClient decides what to retry, and "nothing listens there" must be said at once.
  static let client: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.timeout.connect = .seconds(10)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }()

  /// A short reason for a transport failure.
  static func reason(_ error: Error) -> String {
    switch error {
    case let error as HTTPClientError where error == .deadlineExceeded: "timed out"
    case let error as HTTPClientError where error == .connectTimeout: "connection timed out"
    case let error as HTTPClientError where error == .remoteConnectionClosed:
      "the connection was closed before an answer"
    case is ResponseAccumulator.ResponseTooBigError: "an answer larger than 256 MB"
    case let error as IOError: String(cString: strerror(error.errnoCode)).lowercased()
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
