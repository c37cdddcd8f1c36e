import LogviewCore

/// One line Loki returned: its time, the stream (labels) it belongs to, the line decoded.
struct LokiEntry: Sendable, Equatable {
  let nanos: Int64
  let stream: Int
  let line: [UInt8]
}

/// A query_range answer: streams with their labels, and their entries merged by time
/// (Loki sorts entries within a stream only).
struct LokiPage: Sendable {
  var streams: [[(name: String, value: String)]] = []
  var entries: [LokiEntry] = []

  /// A whole query_range answer.
  static func parse(_ body: [UInt8], endpoint: String) throws(StoreError) -> LokiPage {
    var reader = Reader(endpoint: endpoint)
    let read = body.withUnsafeBytes { raw in
      Result { () throws(StoreError) in try reader.read(raw) }
    }
    try read.get()
    return try reader.finish()
  }

  /// A query_range answer read as it streams: each stream of `data.result` is parsed as soon
  /// as it is complete, so the answer is never held whole; its entries are merged by time
  /// once it has ended (Loki sorts entries within a stream only).
  struct Reader {
    let endpoint: String
    private var page = LokiPage()
    private var stream = JSONElementStream(path: ["data", "result"])
    private var scanner = JSONObjectScanner()

    init(endpoint: String) { self.endpoint = endpoint }

    mutating func read(_ bytes: UnsafeRawBufferPointer) throws(StoreError) {
      var failure: String?
      var page = self.page
      var scanner = self.scanner
      defer {
        self.page = page
        self.scanner = scanner
      }
      _ = stream.feed(bytes) { element in
        guard scanner.scan(element) else {
          failure = "a result that is not an object"
          return false
        }
        failure = page.add(
          JSONValue(
            bytes: UnsafeRawBufferPointer(rebasing: element[scanner.objectRange]), kind: .object,
            hasEscapes: false))
        return failure == nil
      }
      if let failure { throw .malformed(endpoint: endpoint, what: failure) }
    }

    /// The page, once the answer has ended.
    func finish() throws(StoreError) -> LokiPage {
      var failure: String?
      stream.rest.withUnsafeBytes { raw in
        guard let data = successObject(raw)?.member("data"), data.kind == .object else {
          failure = "not a Loki query answer (no \"status\":\"success\" with data)"
          return
        }
        if let type = data.member("resultType"), !type.equals("streams") {
          failure =
            "a \(type.decodedString()) result: logview reads log queries, not metric queries"
          return
        }
        if !stream.found || !stream.complete {
          failure = stream.found ? "an answer cut short" : "no result array"
        }
      }
      if let failure { throw .malformed(endpoint: endpoint, what: failure) }
      var page = self.page
      page.sortByTime()
      return page
    }
  }

  /// A tail frame: `{"streams":[...],"dropped_entries":[...]}` (the latter only when Loki
  /// dropped some); returns the page and how many entries were dropped.
  static func parseTail(_ body: [UInt8], endpoint: String) throws(StoreError)
    -> (page: LokiPage, dropped: Int)
  {
    var page = LokiPage()
    var dropped = 0
    var failure: String? = "not a Loki tail frame"
    body.withUnsafeBytes { raw in
      var scanner = JSONObjectScanner()
      guard scanner.scan(raw) else { return }
      let object = JSONValue(
        bytes: UnsafeRawBufferPointer(rebasing: raw[scanner.objectRange]), kind: .object,
        hasEscapes: false)
      guard let streams = object.member("streams"), streams.kind == .array else { return }
      failure = nil
      streams.forEachElement { stream in
        failure = page.add(stream)
        return failure == nil
      }
      object.member("dropped_entries")?.forEachElement { _ in
        dropped += 1
        return true
      }
    }
    if let failure { throw .malformed(endpoint: endpoint, what: failure) }
    page.sortByTime()
    return (page, dropped)
  }

  /// Entries of all streams by time; entries of one stream at one time keep Loki's order.
  mutating func sortByTime() {
    entries = entries.enumerated().sorted {
      ($0.element.nanos, $0.offset) < ($1.element.nanos, $1.offset)
    }.map(\.element)
  }

  /// One element of `result`: `{"stream":{labels},"values":[["ns","line"(,metadata)],...]}`.
  fileprivate mutating func add(_ stream: JSONValue) -> String? {
    guard let labels = stream.member("stream"), labels.kind == .object,
      let values = stream.member("values"), values.kind == .array
    else { return "a result without stream labels or values" }
    let index = streams.count
    streams.append(Self.labels(labels))
    var failure: String?
    values.forEachElement { value in
      var fields: [JSONValue] = []
      value.forEachElement {
        fields.append($0); return fields.count < 2
      }
      guard fields.count == 2, fields[0].kind == .string, fields[1].kind == .string,
        let nanos = Int64(fields[0].decodedString())
      else {
        failure = "an entry that is not [\"<nanoseconds>\", \"<line>\"]"
        return false
      }
      var line: [UInt8] = []
      fields[1].appendDecoded(to: &line)
      entries.append(LokiEntry(nanos: nanos, stream: index, line: line))
      return true
    }
    return failure
  }

  /// `/labels`: `{"status":"success","data":["app",...]}`; no `data` when Loki has none.
  static func parseLabels(_ body: [UInt8], endpoint: String) throws(StoreError) -> [String] {
    try successData(body, endpoint: endpoint, answer: "labels") { data in
      var names: [String] = []
      data?.forEachElement {
        if $0.kind == .string { names.append($0.decodedString()) }
        return true
      }
      return names
    }
  }

  /// `/series`: `{"status":"success","data":[{labels},...]}`.
  static func parseSeries(_ body: [UInt8], endpoint: String) throws(StoreError)
    -> [[(name: String, value: String)]]
  {
    try successData(body, endpoint: endpoint, answer: "series") { data in
      var streams: [[(name: String, value: String)]] = []
      data?.forEachElement { labels in
        streams.append(Self.labels(labels))
        return true
      }
      return streams
    }
  }

  /// Name and text value of each member of a labels object.
  static func labels(_ object: JSONValue) -> [(name: String, value: String)] {
    var names: [(name: String, value: String)] = []
    object.forEachMember { key, value in
      names.append((key.decodedString(), value.kind == .string ? value.decodedString() : ""))
      return true
    }
    return names
  }

  /// `read` gets the `data` member (nil when absent) of a `"status":"success"` answer.
  private static func successData<T>(
    _ body: [UInt8], endpoint: String, answer: String, _ read: (JSONValue?) -> T
  ) throws(StoreError) -> T {
    let result: T? = body.withUnsafeBytes { raw in
      successObject(raw).map { read($0.member("data")) }
    }
    guard let result else {
      throw .malformed(endpoint: endpoint, what: "not a Loki \(answer) answer")
    }
    return result
  }

  private static func successObject(_ raw: UnsafeRawBufferPointer) -> JSONValue? {
    var scanner = JSONObjectScanner()
    guard scanner.scan(raw) else { return nil }
    let object = JSONValue(
      bytes: UnsafeRawBufferPointer(rebasing: raw[scanner.objectRange]), kind: .object,
      hasEscapes: false)
    return object.member("status")?.equals("success") == true ? object : nil
  }
}
