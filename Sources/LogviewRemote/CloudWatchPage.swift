import LogviewCore

/// One event of a FilterLogEvents answer.
struct CloudWatchEvent: Sendable, Equatable {
  /// Milliseconds since the epoch.
  let timestamp: Int64
  let eventId: String
  let logStreamName: String
  /// The message decoded; a JSON object written over several lines is made one line (its
  /// line breaks become spaces), as a record is one line.
  let message: [UInt8]
}

/// A FilterLogEvents answer: `{"events":[{"logStreamName":..,"timestamp":..,"message":..,
/// "ingestionTime":..,"eventId":..}],"searchedLogStreams":[..],"nextToken":".."}`; no
/// nextToken (or null) on the last page, and a page may be empty with one.
struct CloudWatchPage: Sendable, Equatable {
  var events: [CloudWatchEvent] = []
  var nextToken: String?

  static func parse(_ body: [UInt8], endpoint: String) throws(StoreError) -> CloudWatchPage {
    var page = CloudWatchPage()
    var failure: String?
    body.withUnsafeBytes { raw in
      guard let object = Self.object(raw) else {
        failure = "not a FilterLogEvents answer (no JSON object)"
        return
      }
      switch object.member("nextToken") {
      case .some(let token) where token.kind == .string: page.nextToken = token.decodedString()
      case .some(let token) where token.kind != .null:
        failure = "a nextToken that is not a string"
        return
      default: break
      }
      guard let events = object.member("events"), events.kind == .array else {
        failure = "not a FilterLogEvents answer (no events array)"
        return
      }
      var scanner = JSONObjectScanner()
      events.forEachElement { element in
        guard let event = Self.event(element, scanner: &scanner) else {
          failure = "an event without a timestamp, message or eventId"
          return false
        }
        page.events.append(event)
        return true
      }
    }
    if let failure { throw .malformed(endpoint: endpoint, what: failure) }
    return page
  }

  private static func event(_ element: JSONValue, scanner: inout JSONObjectScanner)
    -> CloudWatchEvent?
  {
    guard element.kind == .object else { return nil }
    var timestamp: Int64?
    var eventId: String?
    var stream = ""
    var message: [UInt8]?
    element.forEachMember { key, value in
      if key.equals("timestamp") {
        timestamp = value.kind == .number ? value.int64() : nil
      } else if key.equals("eventId"), value.kind == .string {
        eventId = value.decodedString()
      } else if key.equals("logStreamName"), value.kind == .string {
        stream = value.decodedString()
      } else if key.equals("message"), value.kind == .string {
        var bytes: [UInt8] = []
        value.appendDecoded(to: &bytes)
        message = bytes
      }
      return true
    }
    guard let timestamp, let eventId, let message else { return nil }
    return CloudWatchEvent(
      timestamp: timestamp, eventId: eventId, logStreamName: stream,
      message: oneLine(message, scanner: &scanner))
  }

  /// A JSON object message with line breaks (pretty-printed) with spaces for them, so that
  /// it stays one record with its fields; any other message as it is (StoreRecord escapes
  /// the line breaks of a text message).
  static func oneLine(_ message: [UInt8], scanner: inout JSONObjectScanner) -> [UInt8] {
    guard message.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return message }
    let flat = message.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
    return flat.withUnsafeBytes { scanner.scan($0) } ? flat : message
  }

  /// An AWS JSON error body: `{"__type":"ResourceNotFoundException","message":"..."}`
  /// (the type may carry a namespace: `com.amazonaws.logs#...`).
  /// A body cut short still gives its type, when the type came whole.
  static func awsError(_ body: [UInt8]) -> (type: String, message: String)? {
    body.withUnsafeBytes { raw in
      guard let object = Self.object(raw) else {
        let text = String(decoding: raw, as: UTF8.self)
        guard let start = text.firstRange(of: #""__type":""#)?.upperBound,
          let end = text[start...].firstIndex(of: "\"")
        else { return nil }
        return (text[start..<end].split(separator: "#").last.map(String.init) ?? "", "")
      }
      guard let type = object.member("__type"), type.kind == .string else { return nil }
      let name = type.decodedString().split(separator: "#").last.map(String.init) ?? ""
      let message = (object.member("message") ?? object.member("Message"))
        .flatMap { $0.kind == .string ? $0.decodedString() : nil }
      return (name, message ?? "")
    }
  }

  private static func object(_ raw: UnsafeRawBufferPointer) -> JSONValue? {
    var scanner = JSONObjectScanner()
    guard scanner.scan(raw) else { return nil }
    return JSONValue(
      bytes: UnsafeRawBufferPointer(rebasing: raw[scanner.objectRange]), kind: .object,
      hasEscapes: false)
  }
}
