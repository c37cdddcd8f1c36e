import LogviewSources
import LogviewSystem
import Synchronization

/// An Elasticsearch or OpenSearch index (or pattern) as a source: the window read through a
/// point in time with search_after (never from/size), each hit a record with `_index` and
/// `_id`; with -f, then a poll every second from a little before the newest time read,
/// dropping the hits already delivered (by `_id`).
final class ElasticSource: WindowedStore, @unchecked Sendable {
  let name: String
  let isLoadable = true
  let growsAfterLoad: Bool
  let client: ElasticClient
  let distribution: ElasticClient.Distribution
  let query: ElasticQuery
  private let start: Int64
  private let end: Int64
  private let recent = Mutex(RecentDeliveries(overlap: 5_000))
  /// Hits per page: a small first one for a quick first screen, then the largest a default
  /// `index.max_result_window` allows (halved while a server says it allows less).
  private let pageSizes = Mutex((first: 1_000, next: 10_000))
  var pollMilliseconds = 1_000
  static let keepAlive = "1m"

  init(
    client: ElasticClient, distribution: ElasticClient.Distribution, query: ElasticQuery,
    start: Int64, end: Int64, follow: Bool
  ) {
    name = client.endpoint
    self.client = client
    self.distribution = distribution
    self.query = query
    self.start = start
    self.end = end
    growsAfterLoad = follow
  }

  /// The source for `address`: asks the server what it is and how the indices are mapped.
  static func open(_ address: StoreAddress, options: StoreOptions) throws(StoreError)
    -> ElasticSource
  {
    var client = try ElasticClient(address, environment: options.environment)
    client.fetcher.configure(for: options)
    let stop = WakePipe()
    guard let (distribution, version) = try client.server(stop: stop),
      let mapping = try client.mapping(stop: stop)
    else { throw .unreachable(endpoint: client.endpoint, reason: "stopped") }
    let query = ElasticQuery.build(
      mapping: mapping, filter: options.filter.storeTerms, requestId: options.requestId,
      timeField: mapping.timeField(preferred: address.parameter("time")),
      tiebreaker: ElasticClient.tiebreaker(distribution, version: version))
    let (start, end) = StoreSources.window(options)
    return ElasticSource(
      client: client, distribution: distribution, query: query, start: start, end: end,
      follow: options.follow)
  }

  var explanation: String {
    let window = query.timeField == nil ? "the whole index (no date field: give ?time=FIELD)" : ""
    return StoreSources.explanation(
      name,
      sent: "POST /_search in a point in time over \(client.index) "
        + "(\(distribution.rawValue)) with query \(query.query(start: start, end: end))"
        + (window.isEmpty ? "" : "; \(window)"),
      store: distribution == .opensearch ? "OpenSearch" : "Elasticsearch",
      pushed: query.pushed, othersLocal: query.othersLocal)
  }

  func readWindow(stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool) -> (
    error: SourceError?, closed: Bool
  )? {
    read(from: query.timeField == nil ? nil : start, to: end, stop: stop, deliver: deliver)
  }

  /// Polls from the newest time read less an overlap (late arrivals, equal times), until
  /// stopped or the feed is closed; a failed poll backs off and tries again.
  func follow(_ index: Int, into feed: SourceFeed, stop: WakePipe) {
    guard query.timeField != nil else {
      let error = StoreError.badAddress(
        name, reason: "cannot follow an index without a date field: give ?time=FIELD")
      feed.finish(source: index, error: error.source(name))
      return
    }
    let deliver: (UnsafeRawBufferPointer) -> Bool = { feed.append($0, source: index) }
    var failures = 0
    while !stop.wait(milliseconds: pollMilliseconds << failures).woken {
      // From the overlap before the newest time delivered, or before the window's end.
      let from = recent.withLock { recent in
        let millis = recent.resumeTime(fallback: ElasticQuery.floorMillis(end), floor: .min)
        recent.pollStart = millis
        return millis * 1_000_000
      }
      guard let outcome = read(from: from, to: nil, stop: stop, deliver: deliver) else { return }
      if outcome.closed { return }
      failures = outcome.error == nil ? 0 : min(failures + 1, 4)
      reportFollowing(outcome.error, index: index, feed: feed)
    }
  }

  /// Every hit in [from, to) through one point in time, in order, those already delivered
  /// dropped; nil when stopped.
  private func read(
    from: Int64?, to: Int64?, stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool
  ) -> (error: SourceError?, closed: Bool)? {
    let pit: String
    do {
      guard
        let opened = try client.openPointInTime(
          distribution, keepAlive: Self.keepAlive, stop: stop)
      else { return nil }
      pit = opened
    } catch {
      return (error.source(name), false)
    }
    var cursor = ElasticCursor(pit: pit)
    defer { client.closePointInTime(cursor.pit, distribution) }
    var records = StoreRecord()
    var bytes: [UInt8] = []
    var closed = false
    // Each piece of an answer is delivered as it is read, its repeats dropped.
    let take: ([ElasticHit]) -> Bool = { hits in
      bytes.removeAll(keepingCapacity: true)
      self.recent.withLock { recent in
        // A hit without a time (an index read whole) cannot repeat.
        for hit in hits where hit.millis.map({ recent.accept(id: hit.id, millis: $0) }) ?? true {
          // The document's own time says it; the sort value stands in only without one.
          records.append(
            line: hit.source, nanos: hit.hasOwnTime ? nil : hit.millis.map { $0 * 1_000_000 },
            metadata: [("_index", hit.index), ("_id", hit.id)], to: &bytes)
        }
      }
      closed = !bytes.isEmpty && !bytes.withUnsafeBytes(deliver)
      return !closed
    }
    while true {
      let count: Int
      do {
        guard let read = try nextPage(&cursor, from: from, to: to, stop: stop, take: take) else {
          return closed ? (nil, true) : nil
        }
        count = read
      } catch {
        return (error.source(name), false)
      }
      if count < cursor.size { return (nil, false) }
    }
  }

  /// The next page after the cursor, which moves past it; its hits go to `take` as they
  /// stream. A server whose result window is smaller than the page is asked again for half
  /// as many. The page's hit count; nil when stopped or refused.
  private func nextPage(
    _ cursor: inout ElasticCursor, from: Int64?, to: Int64?, stop: WakePipe,
    take: ([ElasticHit]) -> Bool
  ) throws(StoreError) -> Int? {
    while true {
      let sizes = pageSizes.withLock { $0 }
      cursor.size = cursor.searchAfter == nil ? sizes.first : sizes.next
      let body = query.searchBody(
        size: cursor.size, pit: cursor.pit, keepAlive: Self.keepAlive,
        searchAfter: cursor.searchAfter, start: from, end: to)
      do {
        guard let read = try client.search(body, timeField: query.timeField, stop: stop, take: take)
        else { return nil }
        if let id = read.pitId { cursor.pit = id }
        if let last = read.page.lastSort { cursor.searchAfter = last }
        return read.page.count
      } catch {
        guard case .rejected(_, 400, let message) = error,
          message.lowercased().contains("result window"), cursor.size > 100
        else { throw error }
        pageSizes.withLock { $0 = (min($0.first, cursor.size / 2), cursor.size / 2) }
      }
    }
  }
}

/// Where paging through one point in time stands.
private struct ElasticCursor {
  var pit: String
  var searchAfter: String?
  var size = 0
}
