/// The one reader of durations: how long something took, as services write it, and the
/// relative times of filters ("15m"). Everything that shows or compares a duration (the
/// request view's column, `elapsed>1s` in a filter, `since:15m`) goes through here.
///
/// A bare number's unit comes from its key: a unit word at the end of the name (durationMs,
/// duration_ms, latency_ms, elapsedSeconds, took_us...), else the usual meaning of the name:
/// zap's `elapsed`, nginx's `request_time` and `upstream_response_time` are seconds,
/// Elasticsearch's `took` and anything else (duration, latency, responseTime) milliseconds.
/// Text with units is read as written: Go durations ("1.2s", "350ms", "1h2m3.5s", "1µs").
public enum DurationReader {
  static let nanosPerMilli: Int64 = 1_000_000
  static let nanosPerSecond: Int64 = 1_000_000_000

  /// Keys the request view looks at for a duration, first found wins.
  public static let keys: [FieldPath] = [
    "durationMs", "duration_ms", "duration", "elapsedMs", "elapsed_ms", "elapsed", "latencyMs",
    "latency_ms", "latency", "took", "responseTime", "response_time", "request_time",
  ].map(FieldPath.init)

  /// Each key's unit, read once.
  static let keyUnits = keys.map { unitNanos(forKey: $0.dotted) }

  /// The record's duration in nanoseconds: its first field under one of `keys`, read in that
  /// key's unit (nil when it has none, or when that field is no duration).
  public static func nanos(of record: RecordView) -> Int64? {
    guard record.isJSON else { return nil }
    for (key, unit) in zip(keys, keyUnits) {
      if let value = record.field(key) { return nanos(value, unit: unit) }
    }
    return nil
  }

  /// Nanoseconds in one unit of a bare number written under `key` (its last component).
  public static func unitNanos(forKey key: String) -> Int64 {
    let name = key.split(separator: ".").last.map(String.init) ?? key
    let words = Self.words(name)
    if let last = words.last, words.count > 1, let unit = unitNanos(word: last) { return unit }
    switch words.joined() {
    case "elapsed", "requesttime", "upstreamresponsetime", "upstreamconnecttime",
      "upstreamheadertime":
      return nanosPerSecond
    default:
      return nanosPerMilli
    }
  }

  /// A field value as a duration in nanoseconds: a number (or numeric text) in `unit`
  /// nanoseconds, or text with units. nil for anything else (and for negative numbers).
  public static func nanos(_ value: JSONValue, unit: Int64) -> Int64? {
    switch value.kind {
    case .number:
      return scaled(value.bytes, unit: unit)
    case .string:
      return value.withDecodedBytes { text in
        scaled(text, unit: unit) ?? parse(text).flatMap { $0 >= 0 ? $0 : nil }
      }
    default:
      return nil
    }
  }

  /// Text with units: an optional '-', then one or more number+unit parts ("15m", "-2h",
  /// "1h30m", "1.5d", "500ms", "1w"). Units: ns, us/µs, ms, s/sec, m/min, h/hr, d/day,
  /// w/wk/week (plurals too). A bare number is not a duration here.
  public static func parse(_ p: UnsafeRawBufferPointer) -> Int64? {
    var i = 0
    let negative = i < p.count && p[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    guard i < p.count else { return nil }
    var total: Int64 = 0
    while i < p.count {
      let numberStart = i
      while i < p.count, ASCIIKind.isDigit(p[i]) || p[i] == UInt8(ascii: ".") { i += 1 }
      let unitStart = i
      while i < p.count, !ASCIIKind.isDigit(p[i]), p[i] != UInt8(ascii: ".") { i += 1 }
      guard numberStart < unitStart, unitStart < i,
        let unit = unitNanos(UnsafeRawBufferPointer(rebasing: p[unitStart..<i])),
        let amount = EpochDecimal.scan(
          UnsafeRawBufferPointer(rebasing: p[numberStart..<unitStart])),
        !amount.negative, let part = amount.scaled(by: unit)
      else { return nil }
      let (sum, overflow) = total.addingReportingOverflow(part)
      guard !overflow else { return nil }
      total = sum
    }
    return negative ? -total : total
  }

  public static func parse(_ text: String) -> Int64? {
    Array(text.utf8).withUnsafeBytes { parse($0) }
  }

  /// How a duration is shown: "350 ms", "1.204 s", "2 min 3 s", "12 µs", "800 ns".
  public static func format(_ nanos: Int64) -> String {
    let sign = nanos < 0 ? "-" : ""
    let n = nanos.magnitude
    if n == 0 { return "0 ms" }
    if n < 1_000 { return "\(sign)\(n) ns" }
    if n < 1_000_000 { return "\(sign)\(decimal(n, per: 1_000)) µs" }
    if n < 1_000_000_000 { return "\(sign)\(decimal(n, per: 1_000_000)) ms" }
    if n < 60_000_000_000 { return "\(sign)\(decimal(n, per: 1_000_000_000)) s" }
    let seconds = n / 1_000_000_000
    if seconds < 3_600 { return "\(sign)\(seconds / 60) min \(seconds % 60) s" }
    return "\(sign)\(seconds / 3_600) h \(seconds / 60 % 60) min"
  }

  /// `value / per` with up to three significant fraction digits, trailing zeros dropped
  /// ("1.204", "350", "12.5").
  private static func decimal(_ value: UInt64, per: UInt64) -> String {
    var whole = value / per
    let digits = whole < 10 ? 3 : whole < 100 ? 2 : whole < 1000 ? 1 : 0
    var scale: UInt64 = 1
    for _ in 0..<digits { scale *= 10 }
    // Rounded half up to the digits kept (1.2039 s -> 1.204 s).
    var fraction = ((value % per) * scale + per / 2) / per
    if fraction == scale {
      whole += 1
      fraction = 0
    }
    guard digits > 0 else { return "\(whole)" }
    var text = String(fraction)
    text = String(repeating: "0", count: digits - text.count) + text
    while text.last == "0" { text.removeLast() }
    return text.isEmpty ? "\(whole)" : "\(whole).\(text)"
  }

  /// A bare number (or numeric text) times `unit` nanoseconds.
  private static func scaled(_ text: UnsafeRawBufferPointer, unit: Int64) -> Int64? {
    guard let amount = EpochDecimal.scan(text), !amount.negative else { return nil }
    return amount.scaled(by: unit)
  }

  /// A unit word's nanoseconds, ASCII case aside. Read per value a duration filter checks:
  /// a word that short is a small string, built without allocating.
  static func unitNanos(_ p: UnsafeRawBufferPointer) -> Int64? {
    guard p.count <= 12 else { return nil }
    let word = String(unsafeUninitializedCapacity: p.count) { out in
      for i in 0..<p.count { out[i] = ASCIIKind.lower(p[i]) }
      return p.count
    }
    return unitNanos(word: word)
  }

  /// `word` in lowercase.
  static func unitNanos(word: String) -> Int64? {
    switch word {
    case "ns", "nano", "nanos", "nanosecond", "nanoseconds": return 1
    case "us", "µs", "micro", "micros", "microsecond", "microseconds": return 1_000
    case "ms", "milli", "millis", "millisecond", "milliseconds": return 1_000_000
    case "s", "sec", "secs", "second", "seconds": return 1_000_000_000
    case "m", "min", "mins", "minute", "minutes": return 60_000_000_000
    case "h", "hr", "hrs", "hour", "hours": return 3_600_000_000_000
    case "d", "day", "days": return 86_400_000_000_000
    case "w", "wk", "wks", "week", "weeks": return 604_800_000_000_000
    default: return nil
    }
  }

  /// A key's words, lowercased: camelCase humps and `_`, `-`, ` ` separate them
  /// ("durationMs" -> duration ms, "upstream_response_time" -> upstream response time).
  static func words(_ name: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousLower = false
    for character in name {
      if character == "_" || character == "-" || character == " " {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousLower = false
        continue
      }
      if character.isUppercase, previousLower, !current.isEmpty {
        words.append(current)
        current = ""
      }
      current += character.lowercased()
      previousLower = character.isLowercase || character.isNumber
    }
    if !current.isEmpty { words.append(current) }
    return words
  }
}
