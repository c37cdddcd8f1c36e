import LogviewSystem

/// Pages through a window the way logcli does: ask for `limit` entries forward from
/// `start`, then continue from the last timestamp seen, dropping the lines already taken
/// at that exact instant (several lines may share a nanosecond, across streams too). An
/// instant holding more lines than the server gives in one answer is read stream by stream.
struct LokiPager: Sendable {
  struct EntryKey: Hashable, Sendable {
    let nanos: Int64
    let labels: [String]
    let line: [UInt8]
  }

  /// Where the next page starts (inclusive), nanoseconds.
  private(set) var start: Int64
  /// Entries already delivered at `start`.
  private var seenAtStart: Set<EntryKey> = []
  /// Entries asked for per query: the server's limit once it said it (a 400).
  private(set) var limit: Int
  /// Loki's `max_entries_limit_per_query` is 5000 by default.
  static let largestLimit = 5000

  init(start: Int64, limit: Int = LokiPager.largestLimit) {
    self.start = start
    self.limit = limit
  }

  /// The next page of new entries before `end` and whether the window is exhausted; nil
  /// when stopped.
  mutating func next(_ client: LokiClient, query: LokiQuery, end: Int64, stop: WakePipe)
    throws(StoreError) -> (page: LokiPage, done: Bool)?
  {
    guard start < end else { return (LokiPage(), true) }
    guard let page = try fetch(client, query.logQL, from: start, to: end, stop: stop) else {
      return nil
    }
    var delivered = accept(page)
    guard let last = page.entries.last?.nanos else { return (delivered, true) }
    let full = page.entries.count >= limit
    if full, page.entries.first?.nanos == last {
      // A whole answer at one instant: read that instant stream by stream, then go past it.
      guard let rest = try drain(instant: last, client, query, stop: stop) else { return nil }
      delivered.append(rest)
      start = last + 1
      seenAtStart = []
      return (delivered, start >= end)
    }
    return (delivered, !full)
  }

  /// What a page or tail frame brings that was not delivered before (a page, or a
  /// reconnected tail, repeats the lines at the instant it starts from); the newest instant
  /// delivered moves forward, and the next page starts there.
  mutating func accept(_ page: LokiPage) -> LokiPage {
    var kept = LokiPage(streams: page.streams, entries: [])
    let carried = start
    var newest = start
    for entry in page.entries {
      // Only lines at the instant already read from can be repeats: the others are not
      // hashed (that cost a hash of every line).
      if entry.nanos == carried, !seenAtStart.isEmpty, seenAtStart.contains(key(entry, page)) {
        continue
      }
      kept.entries.append(entry)
      newest = max(newest, entry.nanos)
    }
    if newest != carried { seenAtStart = [] }
    // The lines delivered at the newest instant: the next page (or tail) repeats them.
    for entry in kept.entries.reversed() {
      guard entry.nanos == newest else { break }
      seenAtStart.insert(key(entry, kept))
    }
    start = newest
    return kept
  }

  /// Every entry at `instant` not yet delivered, asked for stream by stream.
  private mutating func drain(
    instant: Int64, _ client: LokiClient, _ query: LokiQuery, stop: WakePipe
  ) throws(StoreError) -> LokiPage? {
    guard
      let streams = try client.series(query.selector, start: instant, end: instant + 1, stop: stop)
    else { return nil }
    var seen = seenAtStart
    var out = LokiPage()
    for labels in streams {
      guard
        let page = try fetch(
          client, query.narrowed(to: labels), from: instant, to: instant + 1, stop: stop)
      else { return nil }
      for entry in page.entries {
        let entryKey = key(entry, page)
        guard seen.insert(entryKey).inserted else { continue }
        out.streams.append(page.streams[entry.stream])
        out.entries.append(
          LokiEntry(nanos: entry.nanos, stream: out.streams.count - 1, line: entry.line))
      }
    }
    return out
  }

  /// One query_range answer; a server with a lower entries limit says so in a 400, and
  /// its limit is used from then on.
  private mutating func fetch(
    _ client: LokiClient, _ query: String, from: Int64, to: Int64, stop: WakePipe
  ) throws(StoreError) -> LokiPage? {
    while true {
      do {
        return try client.queryRange(query, start: from, end: to, limit: limit, stop: stop)
      } catch {
        guard case .rejected(_, 400, let message) = error, let lower = Self.serverLimit(message),
          lower < limit, lower > 0
        else { throw error }
        limit = lower
      }
    }
  }

  private func key(_ entry: LokiEntry, _ page: LokiPage) -> EntryKey {
    EntryKey(
      nanos: entry.nanos, labels: page.streams[entry.stream].map { $0.name + "=" + $0.value },
      line: entry.line)
  }

  /// "... (10000 > 5000)" -> 5000.
  static func serverLimit(_ message: String) -> Int? {
    guard message.contains("max entries limit"), let open = message.lastIndex(of: "(") else {
      return nil
    }
    let inside = message[message.index(after: open)...].prefix { $0 != ")" }
    guard let greater = inside.firstIndex(of: ">") else { return nil }
    return Int(inside[inside.index(after: greater)...].filter(\.isNumber))
  }
}

extension LokiPage {
  /// `other`'s entries after these (its streams appended).
  mutating func append(_ other: LokiPage) {
    let offset = streams.count
    streams += other.streams
    entries += other.entries.map {
      LokiEntry(nanos: $0.nanos, stream: $0.stream + offset, line: $0.line)
    }
  }
}
