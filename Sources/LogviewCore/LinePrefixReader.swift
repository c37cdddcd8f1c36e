import Glibc

/// Prefixes that tools put before a service's own line, read into fields so the line after
/// them is recognized as the record:
/// - `kubectl logs --timestamps`: `2024-03-15T10:00:00.123456789Z <line>`;
/// - CRI container logs: `<time> stdout|stderr F|P <line>` (P: the line goes on in the next);
/// - Fluentd out_file: `<time>\t<tag>\t<json>`;
/// - journalctl `short-iso`/`short-precise`/`short` and syslog files, Heroku:
///   `<time> [host] ident[pid]: <line>`;
/// - `kubectl logs --prefix`: `[pod/NAME/CONTAINER] <line>`;
/// - `docker compose logs`: `web-1  | <line>` (also with `--timestamps`);
/// - stern: `POD CONTAINER <json>` (and `NAMESPACE POD CONTAINER <json>`).
struct LinePrefixReader {
  /// What a prefix leaves: where the line after it starts, the prefix's time, and whether the
  /// line after it must be structured (JSON or logfmt) for the prefix to count.
  struct Found {
    var payloadStart: Int
    var timestamp: Int64?
    var needsStructuredPayload: Bool
    /// A CRI `P` line: the payload goes on in the next line.
    var isPartial = false
  }

  let zone: TimeZoneRule
  let year: Int64

  /// Reads a prefix of `line` into `object` (begun by the caller).
  func read(_ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter) -> Found? {
    guard let first = line.first else { return nil }
    if ASCIIKind.isDigit(first) {
      // Most text lines start with a date too: tell by a byte or two before any work.
      guard line.count > 20 else { return nil }
      if line[10] == UInt8(ascii: "T") {
        return fluentd(line, into: &object) ?? timed(line, into: &object)
      }
      // Older Fluentd: "2014-08-25 00:00:00 +0000" then a tab.
      return line.count > 26 && line[25] == 0x09 ? fluentd(line, into: &object) : nil
    }
    if first == UInt8(ascii: "[") { return kubectlPrefix(line, into: &object) }
    guard ASCIIKind.isLetter(first) else { return nil }
    if let syslog = RawTimestampShapes.bsd(line, from: 0, end: line.count, zone: zone, year: year),
      let timestamp = syslog.timestamp, byte(line, syslog.end) == UInt8(ascii: " ")
    {
      object.addString("time", slice(line, 0..<syslog.end))
      guard var found = syslogTail(line, from: syslog.end + 1, into: &object) else { return nil }
      found.timestamp = timestamp
      return found
    }
    return composePrefix(line, into: &object) ?? sternPrefix(line, into: &object)
  }

  /// A line starting with an RFC 3339 time with a 'T' (kubectl, CRI, Fluentd, journalctl
  /// short-iso, Heroku).
  private func timed(_ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter)
    -> Found?
  {
    guard let time = rfc3339(line, from: 0) else { return nil }
    let rest = time.end + 1
    object.addString("time", slice(line, 0..<time.end))
    if let cri = CRILine.content(line), cri.streamStart == rest {
      object.addString("stream", slice(line, rest..<(rest + 6)))
      object.addString("logtag", slice(line, (rest + 7)..<(rest + 8)))
      return Found(
        payloadStart: cri.start, timestamp: time.nanos, needsStructuredPayload: false,
        isPartial: cri.isPartial)
    }
    if var found = syslogTail(line, from: rest, into: &object) {
      found.timestamp = time.nanos
      return found
    }
    return Found(payloadStart: rest, timestamp: time.nanos, needsStructuredPayload: true)
  }

  /// Fluentd's out_file: time, tab, tag, tab, the record as JSON. The time is ISO 8601
  /// (`2013-02-28T12:00:00+09:00`) or, in older releases, `2014-08-25 00:00:00 +0000`.
  private func fluentd(_ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter)
    -> Found?
  {
    guard let base = line.baseAddress,
      let found = memchr(base + 10, 0x09, min(line.count, 40) - 10),
      case let tab = UnsafeRawPointer(found) - base,
      let tagEnd = index(of: 0x09, in: line, from: tab + 1, limit: tab + 256), tagEnd > tab + 1,
      let nanos = TimestampParser.parse(slice(line, 0..<tab), naiveZone: zone)
    else { return nil }
    object.addString("time", slice(line, 0..<tab))
    object.addString("tag", slice(line, (tab + 1)..<tagEnd))
    return Found(payloadStart: tagEnd + 1, timestamp: nanos, needsStructuredPayload: true)
  }

  /// `2024-03-15T10:00:00.123Z` followed by a space or tab; nil for anything else.
  func rfc3339(_ line: UnsafeRawBufferPointer, from start: Int) -> (nanos: Int64, end: Int)? {
    guard line.count - start >= 20, line[start + 10] == UInt8(ascii: "T"),
      let scanned = TimestampParser.scanDateTime(
        line, from: start, end: line.count, naiveZone: zone, requireTime: true),
      scanned.end < line.count,
      line[scanned.end] == UInt8(ascii: " ") || line[scanned.end] == UInt8(ascii: "\t")
    else { return nil }
    return scanned
  }

  /// After a syslog time: `host ident[pid]: ` or `ident[pid]: ` (Heroku's `app[web.1]: `,
  /// journalctl's kernel lines `host kernel: `).
  private func syslogTail(
    _ line: UnsafeRawBufferPointer, from start: Int, into object: inout FieldObjectWriter
  ) -> Found? {
    guard let first = word(line, from: start) else { return nil }
    if let found = ident(line, first, into: &object) { return found }
    guard let second = word(line, from: first.upperBound + 1),
      let found = ident(line, second, into: &object)
    else { return nil }
    object.addString("_HOSTNAME", slice(line, first))
    return found
  }

  /// `ident[pid]:` (or the kernel's `kernel:`) followed by a space (or the line's end).
  private func ident(
    _ line: UnsafeRawBufferPointer, _ token: Range<Int>, into object: inout FieldObjectWriter
  ) -> Found? {
    guard token.count >= 2, line[token.upperBound - 1] == UInt8(ascii: ":") else { return nil }
    var nameEnd = token.upperBound - 1
    var pid: Range<Int>?
    if line[nameEnd - 1] == UInt8(ascii: "]"),
      let open = index(of: 0x5B, in: line, from: token.lowerBound),
      open < nameEnd - 1, open > token.lowerBound
    {
      pid = (open + 1)..<(nameEnd - 1)
      nameEnd = open
    }
    // Without a [pid] only the kernel's lines: "ERROR:" or "started:" after a time is prose.
    guard nameEnd > token.lowerBound,
      pid != nil || Self.equals(slice(line, token.lowerBound..<nameEnd), "kernel")
    else { return nil }
    object.addString("SYSLOG_IDENTIFIER", slice(line, token.lowerBound..<nameEnd))
    if let pid { object.addScalar("_PID", slice(line, pid)) }
    return Found(
      payloadStart: min(token.upperBound + 1, line.count), timestamp: nil,
      needsStructuredPayload: false)
  }

  /// `[pod/NAME/CONTAINER] ` (kubectl logs --prefix), then perhaps a --timestamps time.
  private func kubectlPrefix(_ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter)
    -> Found?
  {
    guard line.count > 8, Self.equals(slice(line, 0..<5), "[pod/"),
      let close = index(of: UInt8(ascii: "]"), in: line, from: 5),
      byte(line, close + 1) == UInt8(ascii: " "),
      let slash = index(of: UInt8(ascii: "/"), in: line, from: 5), slash < close
    else { return nil }
    object.addString("pod", slice(line, 5..<slash))
    object.addString("container", slice(line, (slash + 1)..<close))
    return timeAfterName(line, from: close + 2, into: &object)
  }

  /// `web-1  | ` (docker compose logs): a name ending in a replica number, spaces, a bar.
  private func composePrefix(_ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter)
    -> Found?
  {
    var i = 0
    while i < line.count, Self.isNameByte(line[i]) { i += 1 }
    let nameEnd = i
    guard nameEnd >= 3, ASCIIKind.isDigit(line[nameEnd - 1]) else { return nil }
    var digits = nameEnd - 1
    while digits > 0, ASCIIKind.isDigit(line[digits - 1]) { digits -= 1 }
    guard digits > 1, line[digits - 1] == UInt8(ascii: "-") || line[digits - 1] == UInt8(ascii: "_")
    else { return nil }
    while i < line.count, line[i] == UInt8(ascii: " ") { i += 1 }
    guard i > nameEnd, byte(line, i) == UInt8(ascii: "|"),
      i + 1 == line.count || line[i + 1] == UInt8(ascii: " ")
    else { return nil }
    object.addString("service", slice(line, 0..<nameEnd))
    return timeAfterName(line, from: min(i + 2, line.count), into: &object)
  }

  /// stern's `POD CONTAINER {` or `NAMESPACE POD CONTAINER {`: names as Kubernetes writes them.
  private func sternPrefix(_ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter)
    -> Found?
  {
    var names: [Range<Int>] = []
    var i = 0
    while names.count < 3, let name = word(line, from: i), isKubernetesName(line, name) {
      names.append(name)
      i = name.upperBound + 1
      if byte(line, i) == UInt8(ascii: "{") || ASCIIKind.isDigit(byte(line, i)) { break }
    }
    guard names.count >= 2, line[names[names.count - 2]].contains(UInt8(ascii: "-")),
      byte(line, i) == UInt8(ascii: "{") || ASCIIKind.isDigit(byte(line, i))
    else { return nil }
    if names.count == 3 { object.addString("namespace", slice(line, names[0])) }
    object.addString("pod", slice(line, names[names.count - 2]))
    object.addString("container", slice(line, names[names.count - 1]))
    var found = timeAfterName(line, from: i, into: &object)
    found.needsStructuredPayload = true
    return found
  }

  /// After a name prefix: an RFC 3339 time written by --timestamps, when there is one.
  private func timeAfterName(
    _ line: UnsafeRawBufferPointer, from start: Int, into object: inout FieldObjectWriter
  ) -> Found {
    guard start < line.count, ASCIIKind.isDigit(line[start]), let time = rfc3339(line, from: start)
    else { return Found(payloadStart: start, timestamp: nil, needsStructuredPayload: false) }
    object.addString("time", slice(line, start..<time.end))
    return Found(payloadStart: time.end + 1, timestamp: time.nanos, needsStructuredPayload: false)
  }

  private func isKubernetesName(_ line: UnsafeRawBufferPointer, _ name: Range<Int>) -> Bool {
    line[name].allSatisfy { b in
      ASCIIKind.isDigit(b) || (b &- 0x61 < 26) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }
  }

  private static func isNameByte(_ b: UInt8) -> Bool {
    ASCIIKind.isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
      || b == UInt8(ascii: ".")
  }

  /// The run of non-space bytes starting exactly at `start`.
  private func word(_ p: UnsafeRawBufferPointer, from start: Int) -> Range<Int>? {
    var i = start
    while i < p.count, p[i] != UInt8(ascii: " "), p[i] != UInt8(ascii: "\t") { i += 1 }
    return i > start ? start..<i : nil
  }

  private func index(
    of byte: UInt8, in p: UnsafeRawBufferPointer, from start: Int, limit: Int = Int.max
  ) -> Int? {
    var i = start
    while i < min(p.count, limit) {
      if p[i] == byte { return i }
      i += 1
    }
    return nil
  }

  private func byte(_ p: UnsafeRawBufferPointer, _ i: Int) -> UInt8 { i < p.count ? p[i] : 0 }

  private func slice(_ p: UnsafeRawBufferPointer, _ range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: p[range])
  }

  static func equals(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    bytes.count == literal.utf8CodeUnitCount
      && bytes.elementsEqual(FieldObjectWriter.buffer(literal))
  }
}
