import LogviewSources
import LogviewSystem
import Synchronization

/// A CloudWatch Logs group as a source: `cloudwatch://REGION/GROUP[?stream=PREFIX]`. The
/// group is the path after the region with one leading slash dropped, percent-decoded:
/// `cloudwatch://us-east-1//aws/lambda/fn` (or `.../%2Faws%2Flambda%2Ffn`) is
/// `/aws/lambda/fn`, `cloudwatch://us-east-1/app/web` is `app/web`. The window is read with
/// FilterLogEvents page by page (nextToken until there is none; a page may be empty and
/// still have one), events delivered in the order they come; with -f, then polled.
final class CloudWatchSource: WindowedStore, @unchecked Sendable {
  typealias Fetch =
    @Sendable (CloudWatchClient.Request, WakePipe) throws(StoreError) ->
    CloudWatchPage?

  let name: String
  let isLoadable = true
  let growsAfterLoad: Bool
  let group: String
  let streamPrefix: String?
  let query: CloudWatchQuery
  /// The window in milliseconds, both ends inclusive.
  let startTime: Int64
  let endTime: Int64
  /// -f asks again this often (milliseconds); slower while failing.
  var pollMilliseconds = 1_000
  private let fetch: Fetch
  private let cursor: Mutex<RecentDeliveries>

  init(
    name: String, group: String, streamPrefix: String?, query: CloudWatchQuery,
    window: (start: Int64, end: Int64), follow: Bool, overlapMilliseconds: Int64 = 5_000,
    fetch: @escaping Fetch
  ) {
    self.name = name
    self.group = group
    self.streamPrefix = streamPrefix
    self.query = query
    // [start, end) in nanoseconds: the milliseconds from the first at or after the start to
    // the last before the end.
    startTime = Self.ceilDiv(window.start, 1_000_000)
    endTime = Self.ceilDiv(window.end, 1_000_000) - 1
    growsAfterLoad = follow
    self.fetch = fetch
    cursor = Mutex(RecentDeliveries(overlap: overlapMilliseconds))
  }

  static func open(_ address: StoreAddress, options: StoreOptions) throws(StoreError)
    -> CloudWatchSource
  {
    let (group, prefix) = try target(address)
    var configured = try CloudWatchClient(
      region: address.authority, display: address.display, environment: options.environment)
    configured.fetcher.configure(for: options)
    let client = configured
    let query = CloudWatchQuery.build(
      filter: options.filter.storeTerms, requestId: options.requestId, group: group)
    return CloudWatchSource(
      name: address.display, group: group, streamPrefix: prefix, query: query,
      window: StoreSources.window(options), follow: options.follow,
      fetch: { request, stop throws(StoreError) in
        try client.filterLogEvents(request, stop: stop)
      })
  }

  /// The log group and stream prefix an address names, its region checked.
  static func target(_ address: StoreAddress) throws(StoreError) -> (String, String?) {
    let region = address.authority
    guard !region.isEmpty,
      region.utf8.allSatisfy({
        (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D
      })
    else {
      throw .badAddress(address.display, reason: "\(region) is not an AWS region (e.g. us-east-1)")
    }
    guard address.user == nil else {
      throw .badAddress(
        address.display,
        reason: "credentials go in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, not the address")
    }
    let group = StoreAddress.percentDecoded(address.pathPrefix.dropFirst())
    guard !group.isEmpty else {
      throw .badAddress(
        address.display, reason: "no log group: give cloudwatch://REGION/GROUP (//GROUP for /GROUP)"
      )
    }
    if let other = address.queryItems.first(where: { $0.name != "stream" }) {
      throw .badAddress(
        address.display,
        reason: "unknown parameter \(other.name): cloudwatch:// takes ?stream=PREFIX")
    }
    return (group, address.parameter("stream"))
  }

  var explanation: String {
    let sent =
      "FilterLogEvents logGroupName=\(group)"
      + (streamPrefix.map { " logStreamNamePrefix=\($0)" } ?? "")
      + (query.filterPattern.map { " filterPattern=\($0)" } ?? " without a filterPattern")
    return StoreSources.explanation(
      name, sent: sent, store: "CloudWatch", pushed: query.pushed, othersLocal: query.othersLocal)
  }

  func readWindow(stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool) -> (
    error: SourceError?, closed: Bool
  )? {
    guard startTime <= endTime else { return (nil, false) }
    return pages(from: startTime, to: endTime, stop: stop, deliver: deliver)
  }

  /// Polls from a little before the newest event delivered; what was delivered already is
  /// dropped. Failures are retried, more slowly; ends only when stopped or the feed closes.
  func follow(_ index: Int, into feed: SourceFeed, stop: WakePipe) {
    var failures = 0
    while true {
      let from = cursor.withLock { cursor in
        let from = cursor.resumeTime(fallback: endTime + 1, floor: startTime)
        cursor.pollStart = from
        return from
      }
      guard
        let outcome = pages(
          from: from, to: nil, stop: stop, deliver: { feed.append($0, source: index) })
      else { return }
      if outcome.closed { return }
      failures = outcome.error == nil ? 0 : min(failures + 1, 5)
      reportFollowing(outcome.error, index: index, feed: feed)
      let wait = failures == 0 ? pollMilliseconds : max(pollMilliseconds, 250 << failures)
      if stop.wait(milliseconds: wait).woken { return }
    }
  }

  /// Every page of events from `from` to `to` (ms, inclusive; nil: no end), each new event
  /// of the stream prefix delivered. Nil when stopped.
  private func pages(
    from: Int64, to: Int64?, stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool
  ) -> (error: SourceError?, closed: Bool)? {
    var request = CloudWatchClient.Request(
      group: group, streamPrefix: streamPrefix, startTime: from, endTime: to,
      filterPattern: query.filterPattern)
    var records = StoreRecord()
    var bytes: [UInt8] = []
    while true {
      let page: CloudWatchPage
      do {
        guard let got = try fetch(request, stop) else { return nil }
        page = got
      } catch {
        return (error.source(name), false)
      }
      bytes.removeAll(keepingCapacity: true)
      cursor.withLock { cursor in
        for event in page.events
        where keeps(event, from: from, to: to)
          && cursor.accept(id: event.eventId, millis: event.timestamp)
        {
          append(event, with: &records, to: &bytes)
        }
      }
      if !bytes.isEmpty, !bytes.withUnsafeBytes(deliver) { return (nil, true) }
      guard let token = page.nextToken else { return (nil, false) }
      guard token != request.nextToken else {
        let error = StoreError.malformed(endpoint: name, what: "the same nextToken twice")
        return (error.source(name), false)
      }
      request.nextToken = token
    }
  }

  /// Within the times asked and the stream prefix (a server may not apply either).
  private func keeps(_ event: CloudWatchEvent, from: Int64, to: Int64?) -> Bool {
    event.timestamp >= from && event.timestamp <= to ?? .max
      && (streamPrefix.map { event.logStreamName.hasPrefix($0) } ?? true)
  }

  private func append(
    _ event: CloudWatchEvent, with records: inout StoreRecord, to bytes: inout [UInt8]
  ) {
    let (nanos, overflow) = event.timestamp.multipliedReportingOverflow(by: 1_000_000)
    records.append(
      line: event.message, nanos: overflow ? (event.timestamp < 0 ? .min : .max) : nanos,
      metadata: [
        ("logStreamName", event.logStreamName), ("eventId", event.eventId),
        ("logGroupName", group),
      ], to: &bytes)
  }

  /// Division rounding towards +infinity.
  static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let (q, r) = (a / b, a % b)
    return r > 0 ? q + 1 : q
  }
}
