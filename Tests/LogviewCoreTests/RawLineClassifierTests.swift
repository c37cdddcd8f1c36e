import Testing

@testable import LogviewCore

/// 2024-03-15T10:00:00Z in nanoseconds.
private let base: Int64 = 1_710_496_800_000_000_000
private let second: Int64 = 1_000_000_000
private let hour: Int64 = 3_600 * second
private let day: Int64 = 24 * hour

private func classify(_ line: String, zone: TimeZoneRule = .utc, year: Int = 2024)
  -> (timestamp: Int64?, level: Level?)
{
  Array(line.utf8).withUnsafeBytes { RawLineClassifier.classify($0, zone: zone, currentYear: year) }
}

struct RawLineClassifierTests {
  static let lines: [(String, Int64?, Level?)] = [
    // ISO and Python asctime prefixes.
    ("2024-03-15 10:00:00,123 ERROR something", base + 123_000_000, .error),
    ("2024-03-15T10:00:00Z [warn] x", base, .warn),
    ("[2024-03-15T10:00:00Z] [warn] disk", base, .warn),
    ("[2024-03-15 10:00:00,123] WARNING in app: slow", base + 123_000_000, .warn),
    ("2024-03-15 10:00:00,123 - app.module - WARNING - low disk", base + 123_000_000, .warn),
    ("2024-03-15T10:00:00.000Z\tINFO\tlogger\tstarted", base, .info),
    ("2024-03-15T10:00:00.123456789Z stdout F hello", base + 123_456_789, nil),
    ("2024-03-15T10:00:00+02:00 DEBUG x", base - 2 * hour, .debug),
    (
      "2024-03-15 10:00:00.123 UTC [123] ERROR:  relation does not exist", base + 123_000_000,
      .error
    ),
    ("2024-03-15 10:00:00 +0000 INFO", base, .info),
    ("2024/03/15 10:00:00 [error] 123#0: *1 open() failed", base, .error),
    ("\u{FEFF}2024-03-15T10:00:00Z INFO x", base, .info),
    ("  2024-03-15T10:00:00Z INFO indented", base, .info),
    ("2024-03-15 10:00:00 something bad happened, ERROR later", base, nil),
    ("2024-03-15T10:00:00Zjunk INFO x", nil, .info),
    ("INFO  2024-03-15 10:00:00,123 [main] started", base + 123_000_000, .info),
    ("web-1  | 2024-03-15 10:00:00,000 ERROR boom", base, .error),
    // glog / klog.
    ("E0315 10:00:00.123456 12345 file.go:12] msg", base + 123_456_000, .error),
    ("I0315 10:00:00.000000 1 main.go:5] started", base, .info),
    ("W0315 10:00:00 1 main.go:5] slow", base, .warn),
    ("F0315 10:00:00.5 1 main.go:5] dead", base + 500_000_000, .fatal),
    ("W0229 10:00:00.000000 1 main.go:5] leap", base - 15 * day, .warn),
    ("E1315 10:00:00.123456 1 f.go:1] bad month", nil, nil),
    ("X0315 10:00:00.123456 1 f.go:1] not glog", nil, nil),
    // Python logging, bare and decorated words.
    ("WARNING:root:disk almost full", nil, .warn),
    ("warning:root:disk almost full", nil, .warn),
    ("ERROR: connection refused", nil, .error),
    ("Error: connection refused", nil, .error),
    ("[ERROR] x", nil, .error),
    ("[error] x", nil, .error),
    ("(warn) x", nil, .warn),
    ("INFO  [main] com.foo.Bar - started", nil, .info),
    ("ERROR", nil, .error),
    ("npm WARN deprecated x", nil, .warn),
    ("panic: runtime error: index out of range", nil, .fatal),
    ("info: Microsoft.Hosting.Lifetime[0]", nil, .info),
    ("fail: Microsoft.AspNetCore[1]", nil, .error),
    ("[W] something", nil, .warn),
    ("10:00:00.123 [main] INFO com.foo.Bar - started", nil, .info),
    ("[10:00:00 INF] Starting", nil, .info),
    ("I, [2024-03-15T10:00:00.123456 #1234]  INFO -- : message", base + 123_456_000, .info),
    // logfmt.
    ("level=error msg=\"boom\"", nil, .error),
    ("level=\"warn\" msg=x", nil, .warn),
    ("msg=\"error happened\" level=info", nil, .info),
    ("time=\"2024-03-15T10:00:00Z\" level=warning msg=\"disk\"", base, .warn),
    ("time=\"2024-03-15 10:00:00\" level=debug", base, .debug),
    (
      "ts=2024-03-15T10:00:00.123Z caller=main.go:12 level=info msg=started", base + 123_000_000,
      .info
    ),
    ("ts=1710496800.5 level=error", base + 500_000_000, .error),
    ("level=bogus msg=x", nil, nil),
    // syslog.
    ("Mar 15 10:00:00 host app[123]: something", base, nil),
    ("Mar  5 10:00:00 host app[123]: ERROR failed", base - 10 * day, .error),
    ("Mar 5 10:00:00 host app: x", base - 10 * day, nil),
    ("mar 15 10:00:00 host app: x", base, nil),
    ("<11>1 2024-03-15T10:00:00Z host app 123 - - msg", base, .error),
    ("<165>Mar 15 10:00:00 host app: x", base, .info),
    ("<999>Mar 15 10:00:00 host app: x", nil, nil),
    ("Feb 30 10:00:00 host x", nil, nil),
    ("Fri Mar 15 10:00:00 2024 core dumped", base, nil),
    (
      "[Fri Mar 15 10:00:00.123456 2024] [core:error] [pid 123] AH00124", base + 123_456_000, .error
    ),
    ("[Fri Mar 15 10:00:00 2023] [error] old", base - 366 * day, .error),
    // Prose and garbage.
    ("The quick brown fox", nil, nil),
    ("Everything is fine and there was no error at all", nil, nil),
    ("connection failed with error: timeout", nil, nil),
    ("I think the error is here", nil, nil),
    ("Error connecting to db", nil, nil),
    ("Success: the build passed", nil, nil),
    ("Note: the info here", nil, nil),
    ("http://example.com/error", nil, nil),
    ("30 requests served", nil, nil),
    ("", nil, nil),
    ("   ", nil, nil),
    ("[", nil, nil),
    ("[]", nil, nil),
    ("<", nil, nil),
    ("<1", nil, nil),
    ("E0315", nil, nil),
    ("2024-03-15", nil, nil),
    ("level=", nil, nil),
    ("=error", nil, nil),
    ("time=\"2024-03-15", nil, nil),
  ]

  /// Colored output: escape sequences are skipped; a stack trace that starts a record of its
  /// own (nothing before it to attach to) is an error.
  static let colorsAndTraces: [(String, Int64?, Level?)] = [
    (
      "\u{1B}[31mERROR\u{1B}[0m 2024-03-15 10:00:05,200 colored output", base + 5_200_000_000,
      .error
    ),
    ("\u{1B}[1;33mWARN\u{1B}[0m disk", nil, .warn),
    ("2024-03-15T10:00:00Z \u{1B}[32mINFO\u{1B}[0m started", base, .info),
    ("\u{1B}[2m2024-03-15T10:00:00Z\u{1B}[0m \u{1B}[31mERROR\u{1B}[39m x", base, .error),
    ("\u{1B}ERROR lone escape", nil, nil),
    ("\u{1B}[31", nil, nil),
    ("\u{1B}[", nil, nil),
    ("\u{1B}", nil, nil),
    ("TimeoutError: acme-pay timed out after 2400 ms", nil, .error),
    ("TypeError: Cannot read properties of undefined (reading 'id')", nil, .error),
    ("TypeError [ERR_INVALID_ARG_TYPE]: bad path", nil, .error),
    ("java.lang.IllegalStateException: cart is empty", nil, .error),
    ("System.InvalidOperationException: Sequence contains no elements", nil, .error),
    ("KeyboardInterrupt", nil, .error),
    ("Traceback (most recent call last):", nil, .error),
    ("Exception in thread \"main\" java.lang.NullPointerException", nil, .error),
    ("Unhandled exception. System.Exception: boom", nil, .error),
    ("panic: runtime error: index out of range [5] with length 3", nil, .fatal),
    ("\u{1B}[31mpanic: boom\u{1B}[0m", nil, .fatal),
    ("TimeoutErrors are common", nil, nil),
    ("Request: GET /", nil, nil),
    ("server.port: 8080", nil, nil),
  ]

  @Test(arguments: colorsAndTraces)
  func skipsColorsAndLevelsTraces(_ line: String, _ timestamp: Int64?, _ level: Level?) {
    let result = classify(line)
    #expect(result.timestamp == timestamp, "\(line)")
    #expect(result.level == level, "\(line)")
  }

  @Test(arguments: lines)
  func classifiesLines(_ line: String, _ timestamp: Int64?, _ level: Level?) {
    let result = classify(line)
    #expect(result.timestamp == timestamp, "\(line)")
    #expect(result.level == level, "\(line)")
  }

  static let zoned: [(String, String, Int, Int64?, Level?)] = [
    ("E0315 10:00:00.000000 1 f.go:1] x", "+02:00", 2024, base - 2 * hour, .error),
    ("E0315 10:00:00.000000 1 f.go:1] x", "UTC", 2023, base - 366 * day, .error),
    ("Mar 15 10:00:00 host app: x", "Europe/Paris", 2024, base - hour, nil),
    ("2024-03-15 10:00:00 INFO x", "America/New_York", 2024, base + 4 * hour, .info),
    ("2024-03-15T10:00:00Z INFO x", "America/New_York", 2024, base, .info),
  ]

  @Test(arguments: zoned)
  func usesZoneAndYear(
    _ line: String, _ zoneName: String, _ year: Int, _ timestamp: Int64?, _ level: Level?
  )
    throws
  {
    let zone = try #require(TimeZoneRule(name: zoneName))
    let result = classify(line, zone: zone, year: year)
    #expect(result.timestamp == timestamp)
    #expect(result.level == level)
  }

  @Test func survivesBinaryAndTruncatedInput() {
    let samples: [[UInt8]] = [
      [0xFF, 0xFE, 0x00, 0x01], [0xEF, 0xBB], [0xEF, 0xBB, 0xBF], Array("2024-03-15T10:0".utf8),
      Array("Mar 15 10:0".utf8), Array("E0315 10:00:0".utf8), Array("<12".utf8),
      Array("a=\"x".utf8),
      Array(repeating: UInt8(ascii: "["), count: 100), Array(repeating: 0, count: 64),
    ]
    for bytes in samples {
      for cut in 0...bytes.count {
        let result = Array(bytes[0..<cut]).withUnsafeBytes {
          RawLineClassifier.classify($0, zone: .utc, currentYear: Int.max)
        }
        #expect(result.timestamp == nil)
      }
    }
  }
}
