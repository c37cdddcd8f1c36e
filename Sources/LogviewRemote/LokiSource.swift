import LogviewSources
import LogviewSystem
import Synchronization

/// A Loki query as a source: the window (--since/--until, else the last hour) read page by
/// page, each entry a record with its stream labels; with -f, then the websocket tail.
final class LokiSource: WindowedStore, @unchecked Sendable {
  let name: String
  let isLoadable = true
  let growsAfterLoad: Bool
  let client: LokiClient
  let query: LokiQuery
  private let end: Int64
  /// Paging state, kept between load() and a following run(after:).
  private let pager: Mutex<LokiPager>

  init(client: LokiClient, query: LokiQuery, start: Int64, end: Int64, follow: Bool) {
    name = client.address.display
    self.client = client
    self.query = query
    self.end = end
    growsAfterLoad = follow
    pager = Mutex(LokiPager(start: start))
  }

  /// The source for `address`; asks Loki for its labels when the selector comes from the
  /// filter.
  static func open(_ address: StoreAddress, options: StoreOptions) throws(StoreError)
    -> LokiSource
  {
    let client = try LokiClient(address, environment: options.environment)
    let (start, end) = StoreSources.window(options)
    let stop = WakePipe()
    var filter = options.filter.storeTerms
    // A record of the request holds its ID verbatim, as the local match assumes too.
    if let id = options.requestId { filter.terms.append(.text(id, ignoringCase: false)) }
    let query = try LokiQuery.build(
      selector: address.parameter("selector"),
      filter: filter,
      labels: { () throws(StoreError) -> [String] in
        try client.labels(start: start, end: end, stop: stop) ?? []
      }, endpoint: address.display)
    return LokiSource(
      client: client, query: query, start: start, end: end, follow: options.follow)
  }

  var explanation: String {
    StoreSources.explanation(
      name, sent: "query \(query.logQL)", store: "Loki", pushed: query.pushed,
      othersLocal: query.othersLocal)
  }

  /// Live: Loki's websocket tail from the last instant read, reconnected from the last
  /// instant delivered whenever the server ends it (after `tail_max_duration`) or the
  /// connection breaks; repeats are dropped. Ends only when stopped or the feed is closed.
  func follow(_ index: Int, into feed: SourceFeed, stop: WakePipe) {
    var records = StoreRecord()
    var failures = 0
    while true {
      let start = pager.withLock { $0.start }
      let tail = client.tail(query.logQL, start: start)
      var connected = false
      while let events = tail.next(stop: stop) {
        var ended = false
        for event in events {
          switch event {
          case .page(let page):
            connected = true
            var bytes: [UInt8] = []
            records.append(pager.withLock { $0.accept(page) }, to: &bytes)
            if !bytes.isEmpty, !bytes.withUnsafeBytes({ feed.append($0, source: index) }) {
              return
            }
          case .ended:
            ended = true
          }
        }
        if ended { break }
      }
      if stop.wait(milliseconds: 0).woken { return }
      // Back off while connecting fails; a tail that ran reconnects at once.
      failures = connected ? 0 : min(failures + 1, 5)
      let lost = StoreError.unreachable(endpoint: name, reason: "the live tail did not connect")
      reportFollowing(connected ? nil : lost.source(name), index: index, feed: feed)
      if failures > 0, stop.wait(milliseconds: 250 << failures).woken { return }
    }
  }

  /// Pages up to the window's end.
  func readWindow(stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool) -> (
    error: SourceError?, closed: Bool
  )? {
    var pager = self.pager.withLock { $0 }
    defer { self.pager.withLock { $0 = pager } }
    var records = StoreRecord()
    var bytes: [UInt8] = []
    while true {
      let next: (page: LokiPage, done: Bool)
      do {
        guard let got = try pager.next(client, query: query, end: end, stop: stop) else {
          return nil
        }
        next = got
      } catch {
        return (error.source(name), false)
      }
      bytes.removeAll(keepingCapacity: true)
      records.append(next.page, to: &bytes)
      if !bytes.isEmpty, !bytes.withUnsafeBytes(deliver) { return (nil, true) }
      if next.done { return (nil, false) }
    }
  }
}
