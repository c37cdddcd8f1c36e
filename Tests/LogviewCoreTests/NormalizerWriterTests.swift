import Testing

@testable import LogviewCore

/// The key tables' rules for particular writers (GELF, Log4j2, logstash-logback-encoder,
/// winston, Serilog, nginx, GCP, OpenTelemetry), one line each, and where they must not reach.
@Suite struct NormalizerWriterTests {
  static let cases: [NormalizedCase] = [
    // GELF: short_message, float seconds, syslog severities; bunyan numbers elsewhere.
    NormalizedCase(
      line:
        #"{"version":"1.1","host":"h","short_message":"m","timestamp":1710496800.25,"level":3,"_request_id":"r1","facility":"shop.api"}"#,
      timestamp: "2024-03-15T10:00:00.250Z", level: .error, message: "m", requestId: "r1",
      service: "shop.api"),
    NormalizedCase(line: #"{"short_message":"m","level":7}"#, level: .debug, message: "m"),
    NormalizedCase(line: #"{"short_message":"m","level":0}"#, level: .fatal, message: "m"),
    NormalizedCase(line: #"{"short_message":"m","level":30}"#, message: "m"),
    NormalizedCase(line: #"{"short_message":"m","level":"ERROR"}"#, level: .error, message: "m"),
    NormalizedCase(line: #"{"level":3,"msg":"m"}"#, message: "m"),
    NormalizedCase(line: #"{"level":30,"msg":"m"}"#, level: .info, message: "m"),
    NormalizedCase(
      line: #"{"short_message":"s","message":"full","_logger_name":"a.B","_traceId":"t9"}"#,
      message: "full", requestId: "t9", service: "a.B"),
    NormalizedCase(
      line: #"{"short_message":"m","_service":"svc","_app":"app","facility":"f"}"#,
      message: "m", service: "svc"),
    // Log4j2 JsonLayout: instant object, timeMillis, contextMap, loggerName.
    NormalizedCase(
      line:
        #"{"instant":{"epochSecond":1710496800,"nanoOfSecond":5000000},"level":"WARN","loggerName":"a.B","message":"m","contextMap":{"traceId":"t1","requestId":"r1"}}"#,
      timestamp: "2024-03-15T10:00:00.005Z", level: .warn, message: "m", requestId: "r1",
      service: "a.B"),
    NormalizedCase(
      line: #"{"timeMillis":1710496800123,"contextMap":{"trace_id":"t2"}}"#,
      timestamp: "2024-03-15T10:00:00.123Z", requestId: "t2"),
    NormalizedCase(
      line: #"{"instant":{"nanoOfSecond":5,"epochSecond":1710496800},"mdc":{"request_id":"r3"}}"#,
      timestamp: "2024-03-15T10:00:00.000Z", requestId: "r3"),
    NormalizedCase(line: #"{"instant":{"epochSecond":"x"}}"#),
    NormalizedCase(line: #"{"instant":{"epochSecond":1,"nanoOfSecond":1000000000}}"#),
    NormalizedCase(
      line: #"{"service":"s","loggerName":"l","logger_name":"n","log.logger":"e"}"#,
      service: "s"),
    NormalizedCase(line: #"{"logger_name":"n","log.logger":"e"}"#, service: "n"),
    NormalizedCase(line: #"{"log":{"logger":"e"}}"#, service: "e"),
    NormalizedCase(line: #"{"appname":"orders","logger_name":"n"}"#, service: "orders"),
    // Serilog's Verbose is trace; winston's verbose is debug, silly trace, http info.
    NormalizedCase(line: #"{"@mt":"x","@l":"Verbose"}"#, level: .trace, message: "x"),
    NormalizedCase(line: #"{"@mt":"x","@l":"Debug"}"#, level: .debug, message: "x"),
    NormalizedCase(line: #"{"level":"verbose"}"#, level: .debug),
    NormalizedCase(line: #"{"level":"silly"}"#, level: .trace),
    NormalizedCase(line: #"{"level":"http"}"#, level: .info),
    // nginx: time_local, msec, time_iso8601; level from status only without a level.
    NormalizedCase(
      line:
        #"{"time_local":"15/Mar/2024:11:00:00 +0100","request":"GET /x HTTP/1.1","status":"503","request_id":"abc"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .error, message: "GET /x HTTP/1.1",
      requestId: "abc"),
    NormalizedCase(
      line: #"{"msec":"1710496800.123","time_iso8601":"2024-03-15T10:00:09+00:00","status":404}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .warn),
    NormalizedCase(
      line: #"{"time_iso8601":"2024-03-15T10:00:00+00:00","status":301,"request_uri":"/a?b=1"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .info, message: "/a?b=1"),
    NormalizedCase(line: #"{"status":200,"level":"error"}"#, level: .error),
    NormalizedCase(line: #"{"status":"ok"}"#),
    NormalizedCase(line: #"{"status":99}"#),
    NormalizedCase(line: #"{"status":600}"#),
    NormalizedCase(line: #"{"status":"2000"}"#),
    NormalizedCase(line: #"{"status":"20"}"#),
    NormalizedCase(line: #"{"status":{"code":500}}"#),
    NormalizedCase(line: #"{"request":{"method":"GET"},"status":500}"#, level: .error),
    NormalizedCase(line: #"{"request":5}"#),
    NormalizedCase(line: #"{"msg":"m","request":"GET / HTTP/1.1"}"#, message: "m"),
    NormalizedCase(
      line: #"{"request_id":"","http_x_request_id":"h1"}"#, requestId: "h1"),
    NormalizedCase(
      line: #"{"log":"{\"status\":502,\"request\":\"GET / HTTP/1.1\"}\n","stream":"stdout"}"#,
      level: .error, message: "GET / HTTP/1.1"),
    // GCP flat seconds and nanos; a zero trace after its prefix.
    NormalizedCase(
      line: #"{"timestampSeconds":1710496800,"timestampNanos":250000000}"#,
      timestamp: "2024-03-15T10:00:00.250Z"),
    NormalizedCase(
      line: #"{"timestampNanos":7,"timestampSeconds":"1710496800"}"#,
      timestamp: "2024-03-15T10:00:00.000Z"),
    NormalizedCase(
      line: #"{"timestampSeconds":1710496800,"timestampNanos":-1}"#,
      timestamp: "2024-03-15T10:00:00.000Z"),
    NormalizedCase(line: #"{"logging.googleapis.com/trace":"projects/p/traces/0000"}"#),
    NormalizedCase(line: #"{"logging.googleapis.com/trace":"projects/p/traces/"}"#),
    // OpenTelemetry's Python SDK: 0x-hex trace IDs, all zeros outside a span.
    NormalizedCase(
      line: #"{"trace_id":"0x00000000000000000000000000000000","request_id":"r1"}"#,
      requestId: "r1"),
    NormalizedCase(
      line: #"{"trace_id":"0x4bf92f3577b34da6a3ce929d0e0e4736"}"#,
      requestId: "4bf92f3577b34da6a3ce929d0e0e4736"),
    NormalizedCase(line: #"{"trace_id":"0X0"}"#),
    NormalizedCase(line: #"{"trace_id":"0x"}"#),
    NormalizedCase(line: #"{"requestId":"0xabc"}"#, requestId: "0xabc"),
    NormalizedCase(line: #"{"requestId":"x0"}"#, requestId: "x0"),
    NormalizedCase(
      line: #"{"resource":{"attributes":{"service.name":"py"}},"body":"b"}"#, message: "b",
      service: "py"),
  ]

  @Test(arguments: cases)
  func normalizes(_ expected: NormalizedCase) {
    NormalizerTests.check(expected)
  }

  /// A level-only filter collects only the level's keys: GELF's short_message and the HTTP
  /// status must be among them.
  @Test(arguments: cases)
  func levelOnlyNeedsGiveTheSameLevel(_ expected: NormalizedCase) {
    let normalizer = Normalizer()
    Array(expected.line.utf8).withUnsafeBytes { raw in
      normalizer.withRecord(raw, needs: .level) { record in
        #expect(record.level == expected.level)
      }
    }
  }

  /// `--key timestamp=...` reads any timestamp shape, the Common Log Format's too.
  @Test func userTimestampKeysReadTimeLocal() {
    var keys = FieldKeys.defaults
    keys.prepend(["when"], for: .timestamp)
    let normalizer = Normalizer(options: NormalizerOptions(keys: keys))
    let line = Array(#"{"when":"15/Mar/2024:10:00:00 -0100","time":"2024-03-15T00:00:00Z"}"#.utf8)
    line.withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        #expect(
          record.timestamp.map(TimestampFormatter.rfc3339Millis) == "2024-03-15T11:00:00.000Z")
      }
    }
  }

  /// The new keys are all in the default tables, once each, and `status` is no candidate.
  @Test func defaultKeyTablesHoldEachKeyOnce() {
    for field in NormalizedKey.allCases {
      let paths = FieldKeys.defaults.candidates(for: field).map(\.path)
      #expect(Set(paths).count == paths.count, "\(field)")
      #expect(!paths.contains(NormalizerPlan.httpStatusKey), "\(field)")
    }
    let plan = NormalizerPlan(options: NormalizerOptions())
    #expect(plan.gelfMessageSlot != nil)
    #expect(plan.timestampSecondsSlot != nil)
    #expect(plan.slotCount == plan.httpStatusSlot + 1)
  }
}
