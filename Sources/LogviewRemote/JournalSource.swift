import LogviewCore
import LogviewSources
import LogviewSystem
import Synchronization

/// systemd-journal-gatewayd as a source: `GET /entries` as JSON lines (each entry is a
/// record as it comes: the normalizer reads __REALTIME_TIMESTAMP, PRIORITY, MESSAGE),
/// from the window's start (a cursor of its time) in pages of entries continuing from the
/// last cursor; with -f, then `?follow` from there, as the gateway streams it.
final class JournalSource: WindowedStore, @unchecked Sendable {
  let name: String
  let isLoadable = true
  let growsAfterLoad: Bool
  let query: JournalQuery
  private let address: StoreAddress
  private let headers: [(String, String)]
  /// --ca-file, for journal+https://.
  var caFile: String?
  private let start: Int64
  private let end: Int64
  /// The last entry delivered, for the next page or the follow.
  private let lastCursor = Mutex<String?>(nil)
  static let pageEntries = 1000

  init(address: StoreAddress, query: JournalQuery, start: Int64, end: Int64, follow: Bool) {
    name = address.display
    self.address = address
    self.query = query
    self.start = start
    self.end = end
    growsAfterLoad = follow
    headers = [("Accept", "application/json")] + [address.basicAuthorization].compactMap { $0 }
  }

  static func open(_ address: StoreAddress, options: StoreOptions) -> JournalSource {
    let (start, end) = StoreSources.window(options)
    var filter = options.filter.storeTerms
    if options.requestId != nil { filter.othersRemain = true }
    let source = JournalSource(
      address: address, query: JournalQuery.build(address: address.queryItems, filter: filter),
      start: start, end: end, follow: options.follow)
    source.caFile = options.caFile
    return source
  }

  var explanation: String {
    StoreSources.explanation(
      name, sent: "GET /entries\(query.queryString)", store: "the journal", pushed: query.pushed,
      othersLocal: query.othersLocal)
  }

  /// `?follow` from the last cursor, reconnected after a break; ends when stopped.
  func follow(_ index: Int, into feed: SourceFeed, stop: WakePipe) {
    let deliver: (UnsafeRawBufferPointer) -> Bool = { feed.append($0, source: index) }
    var failures = 0
    while true {
      let from = lastCursor.withLock { $0 }.map { "\($0):1:" } ?? "\(Self.timeCursor(end)):0:"
      let outcome = fetch(range: from, follow: true, stop: stop, deliver: deliver)
      guard let outcome, !outcome.closed else { return }
      failures = outcome.count > 0 ? 0 : min(failures + 1, 5)
      reportFollowing(outcome.error, index: index, feed: feed)
      if stop.wait(milliseconds: failures > 0 ? 250 << failures : 0).woken { return }
    }
  }

  /// Pages through the window; nil when stopped.
  func readWindow(stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool) -> (
    error: SourceError?, closed: Bool
  )? {
    var range = "\(Self.timeCursor(start)):0:\(Self.pageEntries)"
    while true {
      guard let page = fetch(range: range, follow: false, stop: stop, deliver: deliver) else {
        return nil
      }
      if page.error != nil || page.closed { return (page.error, page.closed) }
      if page.count < Self.pageEntries || page.pastEnd { return (nil, false) }
      guard let cursor = lastCursor.withLock({ $0 }) else { return (nil, false) }
      range = "\(cursor):1:\(Self.pageEntries)"
    }
  }

  /// One request of `/entries` with `Range: entries=RANGE`, its lines delivered as they
  /// arrive (until the window's end); nil when stopped.
  private func fetch(
    range: String, follow: Bool, stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool
  ) -> (count: Int, pastEnd: Bool, error: SourceError?, closed: Bool)? {
    let url =
      address.baseURL + "/entries" + query.queryString
      + (follow ? (query.matches.isEmpty ? "?follow" : "&follow") : "")
    let request: StreamingFetch
    do {
      request = try StreamingFetch(
        url, headers: headers + [("Range", "entries=" + range)], endpoint: name, caFile: caFile)
    } catch {
      return (0, false, error.source(name), false)
    }
    let lines = LineBuffer()
    // Following from the newest entry, the gateway sends that entry again once more come.
    var reader = EntryReader(
      end: follow ? Int64.max : end, repeated: follow ? lastCursor.withLock { $0 } : nil)
    while let events = request.next(stop: stop) {
      for event in events {
        switch event {
        case .data(let bytes):
          // Past the window's end the rest of the page is read and dropped: a request
          // cancelled mid-answer left the gateway's next one (the follow) without an answer.
          guard !reader.pastEnd else { continue }
          bytes.withUnsafeBytes { lines.append($0) }
          var keep = true
          lines.takeCompleteLines { keep = reader.take($0, deliver: deliver) }
          if let cursor = reader.lastCursor { lastCursor.withLock { $0 = cursor } }
          if !keep, !reader.pastEnd { return (reader.count, false, nil, true) }
        case .status(let answer):
          let error: StoreError =
            answer.status == 401 || answer.status == 403
            ? .unauthorized(
              endpoint: name, status: answer.status, hint: "give user:password@ in the address")
            : .rejected(
              endpoint: name, status: answer.status, message: StoreError.excerpt(answer.body))
          return (0, false, error.source(name), false)
        case .ended(let error):
          if let error {
            return (reader.count, false, error.source(name), false)
          }
          return (reader.count, reader.pastEnd, nil, false)
        }
      }
    }
    return nil
  }

  /// A cursor that seeks to a time: `t=` and the microseconds in hex.
  static func timeCursor(_ nanos: Int64) -> String {
    "t=" + String(max(0, nanos / 1000), radix: 16)
  }
}

/// Reads the gateway's JSON lines: each one's cursor and time; the lines before the
/// window's end are delivered in one piece per chunk.
private struct EntryReader {
  let end: Int64
  /// An entry already delivered, dropped if it comes first again.
  let repeated: String?
  var count = 0
  var pastEnd = false
  /// The cursor of the last entry delivered.
  var lastCursor: String?
  private var scanner = JSONObjectScanner()
  private var first = true

  init(end: Int64, repeated: String?) {
    self.end = end
    self.repeated = repeated
  }

  /// Delivers the entries of `lines` (complete lines) before the end; false once the end
  /// is passed or the feed refuses more.
  mutating func take(_ lines: UnsafeRawBufferPointer, deliver: (UnsafeRawBufferPointer) -> Bool)
    -> Bool
  {
    var from = 0
    var cut = lines.count
    LineSplitter.forEachLine(in: lines, startsSource: false) { line, offset in
      guard !pastEnd, !line.isEmpty else { return }
      let (cursor, nanos) = entry(line)
      if let nanos, nanos >= end {
        pastEnd = true
        cut = offset
        return
      }
      if first {
        first = false
        if let repeated, cursor == repeated {
          from = offset + line.count + 1
          return
        }
      }
      count += 1
      if let cursor { lastCursor = cursor }
    }
    guard from < cut else { return !pastEnd }
    return deliver(UnsafeRawBufferPointer(rebasing: lines[from..<cut])) && !pastEnd
  }

  /// The entry's __CURSOR and __REALTIME_TIMESTAMP (in nanoseconds).
  private mutating func entry(_ line: UnsafeRawBufferPointer) -> (String?, Int64?) {
    guard scanner.scan(line) else { return (nil, nil) }
    let object = JSONValue(
      bytes: UnsafeRawBufferPointer(rebasing: line[scanner.objectRange]), kind: .object,
      hasEscapes: false)
    let cursor = object.member("__CURSOR").flatMap { $0.kind == .string ? $0.decodedString() : nil }
    let micros = object.member("__REALTIME_TIMESTAMP").flatMap { Int64($0.decodedString()) }
    return (cursor, micros.map { $0 * 1000 })
  }
}
