/// How a timestamp is written, as the logging lint judges it: whether it says its zone (`Z`,
/// an offset, `UTC`; an epoch number is UTC by definition) and how many digits it gives below
/// the second. Read with the parser's own scanners, so what counts as a date, a clock and an
/// offset is the one `TimestampParser` accepts.
public struct TimestampShape: Equatable, Sendable {
  public var hasZone: Bool
  public var fractionDigits: Int

  public init(hasZone: Bool, fractionDigits: Int) {
    self.hasZone = hasZone
    self.fractionDigits = fractionDigits
  }

  /// The shape of a timestamp field's value: an RFC 3339-like string, a Common Log Format
  /// time, or an epoch number (also as a string); nil for anything else.
  public static func of(_ value: JSONValue) -> TimestampShape? {
    switch value.kind {
    case .string: of(text: value.bytes)
    case .number: epoch(value.bytes)
    default: nil
    }
  }

  /// The shape of a date and time leading a text line (`2024-03-15 10:00:00,123 INFO ...`,
  /// optionally in brackets); nil when the line starts otherwise.
  public static func leading(_ line: UnsafeRawBufferPointer) -> TimestampShape? {
    var i = 0
    while i < line.count, ASCIIKind.isSpace(line[i]) { i += 1 }
    if i < line.count, line[i] == UInt8(ascii: "[") { i += 1 }
    return dateTime(line, from: i, end: line.count)
  }

  static func of(text p: UnsafeRawBufferPointer) -> TimestampShape? {
    var start = 0
    var end = p.count
    while start < end, ASCIIKind.isSpace(p[start]) { start += 1 }
    while end > start, ASCIIKind.isSpace(p[end - 1]) { end -= 1 }
    if let found = dateTime(p, from: start, end: end) { return found }
    if end - start >= 20, p[start + 2] == UInt8(ascii: "/") {
      return clock(p, from: start + 12, end: end)
    }
    return epoch(UnsafeRawBufferPointer(rebasing: p[start..<end]))
  }

  /// `yyyy-mm-dd` then `T`, `t` or a space and a clock; a date alone is no time of day.
  private static func dateTime(_ p: UnsafeRawBufferPointer, from start: Int, end: Int)
    -> TimestampShape?
  {
    guard end - start >= 16, TimestampParser.looksLikeDate(p, at: start) else { return nil }
    let separator = p[start + 10]
    guard
      separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
        || separator == UInt8(ascii: " ")
    else { return nil }
    return clock(p, from: start + 11, end: end)
  }

  /// A clock at `start`, its fraction and what follows it.
  private static func clock(_ p: UnsafeRawBufferPointer, from start: Int, end: Int)
    -> TimestampShape?
  {
    guard let clock = TimestampParser.scanClock(p, from: start, end: end) else { return nil }
    var digits = 0
    var i = clock.end
    while i > start, ASCIIKind.isDigit(p[i - 1]) { i -= 1 }
    if i > start, p[i - 1] == UInt8(ascii: ".") || p[i - 1] == UInt8(ascii: ",") {
      digits = clock.end - i
    }
    let zone = TimestampParser.scanOffset(p, from: clock.end, end: end, allowZoneName: true)
    return TimestampShape(hasZone: zone != nil, fractionDigits: digits)
  }

  /// Seconds, milliseconds, microseconds or nanoseconds by magnitude, as the parser reads them.
  private static func epoch(_ p: UnsafeRawBufferPointer) -> TimestampShape? {
    guard let number = EpochDecimal.scan(p) else { return nil }
    let written = max(0, -number.exponent)
    let unitDigits =
      switch number.integerDigits {
      case ...11: 0
      case 12...14: 3
      case 15...17: 6
      default: 9
      }
    return TimestampShape(hasZone: true, fractionDigits: unitDigits + written)
  }
}
