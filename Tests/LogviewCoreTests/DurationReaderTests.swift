import Testing

@testable import LogviewCore

@Suite struct DurationReaderTests {
  static let units: [(key: String, nanos: Int64)] = [
    ("durationMs", 1_000_000), ("duration_ms", 1_000_000), ("latency_ms", 1_000_000),
    ("latencyMs", 1_000_000), ("elapsedMillis", 1_000_000), ("took", 1_000_000),
    ("elapsed", 1_000_000_000), ("request_time", 1_000_000_000),
    ("upstream_response_time", 1_000_000_000), ("http.request_time", 1_000_000_000),
    ("elapsedSeconds", 1_000_000_000), ("duration_s", 1_000_000_000), ("took_us", 1_000),
    ("durationNanos", 1), ("duration_ns", 1), ("duration", 1_000_000), ("latency", 1_000_000),
    ("responseTime", 1_000_000), ("ms", 1_000_000),
  ]

  @Test(arguments: units)
  func unitComesFromTheKey(key: String, nanos: Int64) {
    #expect(DurationReader.unitNanos(forKey: key) == nanos)
  }

  /// A field's JSON value (as written) and its key: the duration in nanoseconds.
  static let values: [(json: String, key: String, nanos: Int64?)] = [
    ("1.203921", "elapsed", 1_203_921_000),  // zap: seconds
    ("250", "durationMs", 250_000_000),
    ("12", "took", 12_000_000),
    ("\"0.005\"", "request_time", 5_000_000),  // nginx writes it as text
    ("\"1.2s\"", "duration", 1_200_000_000),  // Go duration strings
    ("\"350ms\"", "latency", 350_000_000),
    ("\"1h2m3.5s\"", "elapsed", 3_723_500_000_000),
    ("\"1µs\"", "duration", 1_000),
    ("\"fast\"", "duration", nil),
    ("-3", "durationMs", nil),
    ("true", "durationMs", nil),
    ("{}", "durationMs", nil),
  ]

  @Test(arguments: values)
  func readsValues(json: String, key: String, nanos: Int64?) {
    let read = Array(json.utf8).withUnsafeBytes { bytes -> Int64? in
      let kind: JSONKind =
        json.hasPrefix("\"") ? .string : json == "true" ? .bool : json == "{}" ? .object : .number
      let inner =
        kind == .string ? UnsafeRawBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]) : bytes
      let value = JSONValue(bytes: inner, kind: kind, hasEscapes: false)
      return DurationReader.nanos(value, unit: DurationReader.unitNanos(forKey: key))
    }
    #expect(read == nanos)
  }

  static let texts: [(String, Int64?)] = [
    ("15m", 900_000_000_000), ("-15m", -900_000_000_000), ("1h30m", 5_400_000_000_000),
    ("500ms", 500_000_000), ("1.5d", 129_600_000_000_000), ("2w", 1_209_600_000_000_000),
    ("1.2s", 1_200_000_000), ("250", nil), ("", nil), ("-", nil), ("ms", nil), ("5 parsecs", nil),
    ("2S", 2_000_000_000), ("3Minutes", 180_000_000_000), ("1millisecondsx", nil),
  ]

  @Test(arguments: texts)
  func parsesTextWithUnits(text: String, nanos: Int64?) {
    #expect(DurationReader.parse(text) == nanos)
  }

  static let shown: [(Int64, String)] = [
    (0, "0 ms"), (800, "800 ns"), (12_500, "12.5 µs"), (350_000_000, "350 ms"),
    (1_203_921_000, "1.204 s"), (1_999_900_000, "2 s"), (52_300_000, "52.3 ms"),
    (123_000_000_000, "2 min 3 s"), (7_380_000_000_000, "2 h 3 min"), (-350_000_000, "-350 ms"),
  ]

  @Test(arguments: shown)
  func formats(nanos: Int64, text: String) {
    #expect(DurationReader.format(nanos) == text)
  }
}
