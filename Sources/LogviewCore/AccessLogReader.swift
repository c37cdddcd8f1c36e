import Glibc

/// Reads an Apache/nginx access line in the Common or Combined Log Format
/// (`%h %l %u %t "%r" %>s %b ["%{Referer}i" "%{User-agent}i"]`, nginx's default `combined`),
/// with any `key=value` pairs after it (custom formats add `rt=0.123 request_id=...`). Fields
/// get nginx's variable names: remote_addr, remote_user, time_local, request, method, path,
/// protocol, status, body_bytes_sent, http_referer, http_user_agent.
enum AccessLogReader {
  /// Writes the line's fields into `object` (begun by the caller) and returns the text of its
  /// time (between the brackets); nil when the line is not an access line.
  static func read(
    _ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter,
    logfmt: inout LogfmtReader
  ) -> UnsafeRawBufferPointer? {
    let end = line.count
    // Cheap rejection: an address or host name, two more tokens, then '[' and the day.
    guard end > 20, ASCIIKind.isAlphanumeric(line[0]) || line[0] == UInt8(ascii: ":"),
      let base = line.baseAddress, let bracket = memchr(base, 0x5B, min(end, 300)),
      case let open = UnsafeRawPointer(bracket) - base, open > 4, open + 1 < end,
      line[open - 1] == UInt8(ascii: " "), ASCIIKind.isDigit(line[open + 1]),
      let host = token(line, from: 0, end: end),
      let ident = token(line, from: host.upperBound + 1, end: end),
      let user = token(line, from: ident.upperBound + 1, end: end),
      user.upperBound + 1 < end, line[user.upperBound + 1] == UInt8(ascii: "["),
      let close = index(of: UInt8(ascii: "]"), in: line, from: user.upperBound + 2, end: end),
      close + 2 < end, line[close + 1] == UInt8(ascii: " "), line[close + 2] == UInt8(ascii: "\""),
      let requestEnd = quotedEnd(line, from: close + 2, end: end),
      requestEnd + 4 <= end, line[requestEnd] == UInt8(ascii: " "),
      let status = token(line, from: requestEnd + 1, end: end), status.count == 3,
      line[status].allSatisfy(ASCIIKind.isDigit)
    else { return nil }
    let time = UnsafeRawBufferPointer(rebasing: line[(user.upperBound + 2)..<close])
    object.addString("remote_addr", slice(line, host))
    if !isDash(line, user) { object.addString("remote_user", slice(line, user)) }
    object.addString("time_local", time)
    let request = UnsafeRawBufferPointer(rebasing: line[(close + 3)..<(requestEnd - 1)])
    object.addString("request", request)
    addRequestParts(request, into: &object)
    object.addScalar("status", slice(line, status))
    var i = status.upperBound + 1
    if let bytes = token(line, from: i, end: end) {
      if !isDash(line, bytes) { object.addScalar("body_bytes_sent", slice(line, bytes)) }
      i = bytes.upperBound + 1
    }
    for key in [StaticString("http_referer"), "http_user_agent"] {
      guard i < end, line[i] == UInt8(ascii: "\""), let after = quotedEnd(line, from: i, end: end)
      else { break }
      let value = UnsafeRawBufferPointer(rebasing: line[(i + 1)..<(after - 1)])
      if !(value.count == 1 && value[0] == UInt8(ascii: "-")) { object.addString(key, value) }
      i = after + 1
    }
    if i < end {
      // Pairs a custom log_format adds: the reader adds each pair as it reads it, so one
      // pair counts although one alone is not a logfmt line.
      _ = logfmt.read(UnsafeRawBufferPointer(rebasing: line[i..<end]), into: &object)
    }
    return time
  }

  /// "GET /orders/42?x=1 HTTP/1.1" -> method, path, protocol.
  private static func addRequestParts(
    _ request: UnsafeRawBufferPointer, into object: inout FieldObjectWriter
  ) {
    guard let method = token(request, from: 0, end: request.count),
      let path = token(request, from: method.upperBound + 1, end: request.count)
    else { return }
    object.addString("method", slice(request, method))
    object.addString("path", slice(request, path))
    if let proto = token(request, from: path.upperBound + 1, end: request.count) {
      object.addString("protocol", slice(request, proto))
    }
  }

  /// The non-empty run of non-space bytes starting exactly at `start`.
  private static func token(_ p: UnsafeRawBufferPointer, from start: Int, end: Int) -> Range<Int>? {
    var i = start
    while i < end, p[i] != UInt8(ascii: " ") { i += 1 }
    return i > start ? start..<i : nil
  }

  /// The index after the closing quote of the string opening at `start` (backslash escapes
  /// skipped, as Apache and nginx write `\"` or `\x22`).
  private static func quotedEnd(_ p: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int? {
    var i = start + 1
    while i < end {
      if p[i] == UInt8(ascii: "\\") {
        i += 2
        continue
      }
      if p[i] == UInt8(ascii: "\"") { return i + 1 }
      i += 1
    }
    return nil
  }

  private static func index(of byte: UInt8, in p: UnsafeRawBufferPointer, from start: Int, end: Int)
    -> Int?
  {
    var i = start
    while i < end {
      if p[i] == byte { return i }
      i += 1
    }
    return nil
  }

  private static func slice(_ p: UnsafeRawBufferPointer, _ range: Range<Int>)
    -> UnsafeRawBufferPointer
  {
    UnsafeRawBufferPointer(rebasing: p[range])
  }

  private static func isDash(_ p: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
    range.count == 1 && p[range.lowerBound] == UInt8(ascii: "-")
  }
}
