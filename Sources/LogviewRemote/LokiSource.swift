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
    var configured = try LokiClient(address, environment: options.environment)
    configured.fetcher.configure(for: options)
    let client = configured
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
  /// connection breaks; repeats are dropped. Where the tail cannot be used (wss:// to an IP
  /// address, which cannot be named in TLS's SNI; or three failed connections in a row, as
  /// behind a proxy without websockets) query_range is polled instead. Ends only when
  /// stopped or the feed is closed.
  func follow(_ index: Int, into feed: SourceFeed, stop: WakePipe) {
    var failures = 0
    while failures < 3, !(client.address.secure && Self.isIPAddress(client.address.host)) {
      let outcome = tail(index, into: feed, stop: stop)
      guard let outcome else { return }
      if stop.wait(milliseconds: 0).woken { return }
      // Back off while connecting fails; a tail that ran, or was ended, reconnects at once.
      failures = outcome.connected || outcome.error == nil ? 0 : failures + 1
      reportFollowing(
        outcome.connected ? nil : outcome.error?.source(name), index: index, feed: feed)
      if failures > 0, stop.wait(milliseconds: 250 << failures).woken { return }
    }
    poll(index, into: feed, stop: stop)
  }

  /// One tail connection until it ends: whether any frame came, and the error that ended it.
  /// Nil when stopped or the feed is closed.
  private func tail(_ index: Int, into feed: SourceFeed, stop: WakePipe) -> (
    connected: Bool, error: StoreError?
  )? {
    var records = StoreRecord()
    let tail = client.tail(query.logQL, start: pager.withLock { $0.start })
    var connected = false
    while let events = tail.next(stop: stop) {
      for event in events {
        switch event {
        case .page(let page):
          if !connected { reportFollowing(nil, index: index, feed: feed) }
          connected = true
          var bytes: [UInt8] = []
          records.append(pager.withLock { $0.accept(page) }, to: &bytes)
          if !bytes.isEmpty, !bytes.withUnsafeBytes({ feed.append($0, source: index) }) {
            return nil
          }
        case .ended(let error):
          return (connected, error)
        }
      }
    }
    return nil
  }

  /// Live by query_range every second, from the last instant read up to now.
  private func poll(_ index: Int, into feed: SourceFeed, stop: WakePipe) {
    var failures = 0
    while !stop.wait(milliseconds: pollMilliseconds << failures).woken {
      let upTo = SystemClock.wallNanos() + 1
      let deliver: (UnsafeRawBufferPointer) -> Bool = { feed.append($0, source: index) }
      guard let outcome = read(upTo: upTo, stop: stop, deliver: deliver) else { return }
      if outcome.closed { return }
      failures = outcome.error == nil ? 0 : min(failures + 1, 4)
      reportFollowing(outcome.error, index: index, feed: feed)
    }
  }

  var pollMilliseconds = 1_000

  /// True for an IPv4 or IPv6 literal.
  static func isIPAddress(_ host: String) -> Bool {
    host.contains(":") || (!host.isEmpty && host.allSatisfy { $0.isNumber || $0 == "." })
  }

  /// Pages up to the window's end.
  func readWindow(stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool) -> (
    error: SourceError?, closed: Bool
  )? {
    read(upTo: end, stop: stop, deliver: deliver)
  }

  /// Pages from the last instant read up to `end` (exclusive).
  /// Pages from the last instant read up to `end` (exclusive). The next page is asked for
  /// (on a thread of its own) while the current one is turned into records and delivered:
  /// where it starts is known once a page is parsed.
  private func read(upTo end: Int64, stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool)
    -> (error: SourceError?, closed: Bool)?
  {
    var pager = self.pager.withLock { $0 }
    defer { self.pager.withLock { $0 = pager } }
    var records = StoreRecord()
    var bytes: [UInt8] = []
    var ahead = LokiPageAhead(client, query: query, pager: pager, end: end, stop: stop)
    while true {
      let next: (page: LokiPage, done: Bool)
      switch ahead.outcome() {
      case nil: return nil
      case .failure(let error): return (error.source(name), false)
      case .success(let got):
        next = (got.page, got.done)
        pager = got.pager
      }
      if !next.done {
        ahead = LokiPageAhead(client, query: query, pager: pager, end: end, stop: stop)
      }
      bytes.removeAll(keepingCapacity: true)
      records.append(next.page, to: &bytes)
      if !bytes.isEmpty, !bytes.withUnsafeBytes(deliver) {
        _ = ahead.outcome()
        return (nil, true)
      }
      if next.done { return (nil, false) }
    }
  }
}
