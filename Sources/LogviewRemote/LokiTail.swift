import HTTPTypes
import Logging
import LogviewSystem
import NIOSSL
import WSClient

/// One connection to Loki's websocket tail (`/loki/api/v1/tail`), read by a reader thread:
/// frames are parsed on the websocket's task and queued; `next` hands them over and gives
/// the connection up when the stop pipe is woken.
final class LokiTail: Sendable {
  enum Event: Sendable {
    case page(LokiPage)
    /// The connection ended: by the server (nil), or with an error.
    case ended(StoreError?)
  }

  private let inbox = EventInbox<Event>()
  private let task: Task<Void, Never>

  /// `url` is ws:// or wss://; headers carry the credentials.
  init(url: String, headers: [(String, String)], endpoint: String, caFile: String? = nil) {
    var fields = HTTPFields()
    for (name, value) in headers {
      if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
    }
    let configuration = WebSocketClientConfiguration(
      maxFrameSize: 64 << 20, additionalHeaders: fields,
      autoPing: .enabled(timePeriod: .seconds(30)))
    let inbox = self.inbox
    task = Task {
      let outcome: StoreError?
      do {
        try await WebSocketClient.connect(
          url: url, configuration: configuration,
          tlsConfiguration: url.hasPrefix("wss:") ? HTTPFetcher.tls(caFile: caFile) : nil,
          logger: Logger(label: "logview.loki.tail", factory: { _ in SwiftLogNoOpLogHandler() })
        ) { inbound, _, _ in
          for try await message in inbound.messages(maxSize: 64 << 20) {
            guard case .text(let text) = message else { continue }
            let frame = try LokiPage.parseTail(Array(text.utf8), endpoint: endpoint)
            inbox.post(.page(frame.page))
          }
        }
        outcome = nil
      } catch let error as StoreError {
        outcome = error
      } catch {
        outcome = .unreachable(endpoint: endpoint, reason: "live tail: \(error)")
      }
      inbox.post(.ended(outcome))
    }

  }

  deinit { task.cancel() }

  /// The events that arrived, waiting for some; nil when `stop` was woken (the connection is
  /// then given up).
  func next(stop: WakePipe) -> [Event]? {
    inbox.next(stop: stop) { task.cancel() }
  }
}
