import AsyncHTTPClient
import LogviewSystem
import NIOCore
import NIOHTTP1
import Synchronization

/// A GET whose body is handed over as it arrives (a long answer, or one that never ends
/// such as the journal's `?follow`), read by a reader thread: `next` returns what came and
/// gives the request up when the stop pipe is woken.
final class StreamingFetch: Sendable {
  enum Event: Sendable {
    /// A non-2xx answer, whole (it is short).
    case status(HTTPAnswer)
    case data([UInt8])
    /// The answer ended: completely (nil), or with an error.
    case ended(StoreError?)
  }

  private let inbox = EventInbox<Event>()
  private let task: HTTPClient.Task<Void>

  init(
    _ url: String, method: HTTPMethod = .GET, headers: [(String, String)], body: [UInt8]? = nil,
    endpoint: String, caFile: String? = nil
  ) throws(StoreError) {
    let request: HTTPClient.Request
    do {
      request = try HTTPClient.Request(
        url: url, method: method, headers: HTTPHeaders(headers), body: body.map { .bytes($0) })
    } catch {
      throw .badAddress(endpoint, reason: "\(error)")
    }
    let inbox = self.inbox
    task = HTTPFetcher.client(caFile: caFile).execute(
      request: request, delegate: Delegate(inbox: inbox))
    task.futureResult.whenFailure { error in
      inbox.post(.ended(.unreachable(endpoint: endpoint, reason: HTTPFetcher.reason(error))))
    }
  }

  deinit { task.cancel() }

  /// What arrived, waiting for something; nil when `stop` was woken (the request is then
  /// cancelled); empty when nothing came for `milliseconds`.
  func next(stop: WakePipe, milliseconds: Int? = nil) -> [Event]? {
    inbox.next(stop: stop, milliseconds: milliseconds) { task.cancel() }
  }

  /// Passes body parts on as they come; a non-2xx answer is collected whole (it is short)
  /// and reported with its status.
  private final class Delegate: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void
    let inbox: EventInbox<Event>
    private var status = 0
    private var headers: [(name: String, value: String)] = []
    private var errorBody: [UInt8] = []

    init(inbox: EventInbox<Event>) { self.inbox = inbox }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<
      Void
    > {
      status = Int(head.status.code)
      headers = head.headers.map { ($0.name, $0.value) }
      return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<
      Void
    > {
      var buffer = buffer
      let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
      if (200..<300).contains(status) {
        inbox.post(.data(bytes))
      } else if errorBody.count < 4096 {
        errorBody += bytes
      }
      return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
      if !(200..<300).contains(status) {
        inbox.post(.status(HTTPAnswer(status: status, headers: headers, body: errorBody)))
      }
      inbox.post(.ended(nil))
    }
  }
}
