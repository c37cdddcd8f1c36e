import LogviewTestSupport
import Testing

@testable import LogviewCore

/// What a line should normalize to; timestamps as RFC 3339 UTC with milliseconds.
struct NormalizedCase: CustomTestStringConvertible, Sendable {
  var line: String
  var json = true
  var timestamp: String?
  var level: Level?
  var message: String?
  var requestId: String?
  var service: String?
  var testDescription: String { line }
}

@Suite struct NormalizerTests {
  static let cases: [NormalizedCase] = [
    // The common shape.
    NormalizedCase(
      line:
        #"{"timestamp":"2024-03-15T10:00:00.123Z","level":"info","service":"api","message":"hi","requestId":"req_1"}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .info, message: "hi", requestId: "req_1",
      service: "api"),
    // pino: numeric level, epoch ms, msg, reqId, name.
    NormalizedCase(
      line:
        #"{"level":50,"time":1710496800123,"pid":1,"hostname":"h","name":"payments","reqId":"r2","msg":"boom"}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .error, message: "boom", requestId: "r2",
      service: "payments"),
    // zap: epoch seconds as a float, ts.
    NormalizedCase(
      line: #"{"level":"warn","ts":1710496800.5,"caller":"x.go:1","msg":"slow"}"#,
      timestamp: "2024-03-15T10:00:00.500Z", level: .warn, message: "slow"),
    // logrus: offset.
    NormalizedCase(
      line: #"{"level":"warning","msg":"m","time":"2024-03-15T11:00:00+01:00"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .warn, message: "m"),
    // structlog: event is the message when there is no message key.
    NormalizedCase(
      line:
        #"{"event":"user logged in","level":"info","timestamp":"2024-03-15T10:00:00Z","logger":"auth"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .info, message: "user logged in",
      service: "auth"),
    NormalizedCase(
      line: #"{"event":"payment.failed","message":"card declined","level":"error"}"#,
      level: .error, message: "card declined"),
    // python-json-logger: asctime with a comma.
    NormalizedCase(
      line:
        #"{"asctime":"2024-03-15 10:00:00,123","levelname":"CRITICAL","name":"worker","message":"down"}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .fatal, message: "down", service: "worker"),
    // ECS: flat dotted keys and nested objects.
    NormalizedCase(
      line:
        #"{"@timestamp":"2024-03-15T10:00:00.000Z","log.level":"error","message":"m","service.name":"shop","trace.id":"t1"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .error, message: "m", requestId: "t1",
      service: "shop"),
    NormalizedCase(
      line:
        #"{"@timestamp":"2024-03-15T10:00:00Z","log":{"level":"warn","logger":"x"},"message":"m","service":{"name":"shop"},"transaction":{"id":"tx9"}}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .warn, message: "m", requestId: "tx9",
      service: "shop"),
    // OpenTelemetry: ns string, text preferred, body object, resource service.
    NormalizedCase(
      line:
        #"{"timeUnixNano":"1710496800123456789","severityNumber":17,"severityText":"ERROR","body":{"stringValue":"db down"},"traceId":"abc","resource":{"service.name":"orders"}}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .error, message: "db down", requestId: "abc",
      service: "orders"),
    NormalizedCase(
      line: #"{"timeUnixNano":1710496800000000000,"severityNumber":13,"body":"disk"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .warn, message: "disk"),
    // Serilog CLEF: no @l means info; @mt rendered.
    NormalizedCase(
      line:
        #"{"@t":"2024-03-15T10:00:00.000Z","@mt":"User {UserId} paid {Amount:0.00} in {@Cart}","UserId":42,"Amount":9.5,"Cart":{"n":1}}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .info,
      message: #"User 42 paid 9.5 in {"n":1}"#),
    NormalizedCase(
      line: #"{"@t":"2024-03-15T10:00:00Z","@mt":"Failed {{literal}} {Missing}","@l":"Error"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .error, message: "Failed {literal} {Missing}"),
    NormalizedCase(
      line:
        #"{"@t":"2024-03-15T10:00:00Z","@mt":"Took {Elapsed:0.00} ms for {Who}","@r":["12.35"],"Elapsed":12.3456,"Who":"x","SourceContext":"Api","RequestId":"0HM1"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .info, message: "Took 12.35 ms for x",
      requestId: "0HM1", service: "Api"),
    // GCP: timestamp object, trace prefix stripped.
    NormalizedCase(
      line:
        #"{"severity":"ERROR","message":"m","timestamp":{"seconds":1710496800,"nanos":250000000},"logging.googleapis.com/trace":"projects/p/traces/0af7"}"#,
      timestamp: "2024-03-15T10:00:00.250Z", level: .error, message: "m", requestId: "0af7"),
    // journald: µs string, PRIORITY string, MESSAGE, SYSLOG_IDENTIFIER.
    NormalizedCase(
      line:
        #"{"__REALTIME_TIMESTAMP":"1710496800123456","PRIORITY":"3","MESSAGE":"failed","SYSLOG_IDENTIFIER":"sshd","_SYSTEMD_UNIT":"ssh.service"}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .error, message: "failed", service: "sshd"),
    // journald wrapping a JSON line: inner fields win, outer time is the fallback.
    NormalizedCase(
      line:
        #"{"__REALTIME_TIMESTAMP":"1710496800000000","PRIORITY":"6","MESSAGE":"{\"level\":\"error\",\"msg\":\"inner\",\"requestId\":\"r9\"}","SYSLOG_IDENTIFIER":"app"}"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .error, message: "inner", requestId: "r9",
      service: "app"),
    // journald binary message as a byte array.
    NormalizedCase(
      line: #"{"MESSAGE":[104,105],"PRIORITY":4}"#, level: .warn, message: "hi"),
    // Docker json-file: inner JSON.
    NormalizedCase(
      line:
        #"{"log":"{\"level\":\"warn\",\"msg\":\"inner\",\"service\":\"web\"}\n","stream":"stdout","time":"2024-03-15T10:00:00.123456789Z"}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .warn, message: "inner", service: "web"),
    // Docker json-file: inner plain text keeps its own level.
    NormalizedCase(
      line:
        #"{"log":"2024-03-15 10:00:01,000 ERROR db gone\n","stream":"stderr","time":"2024-03-15T10:00:00Z"}"#,
      timestamp: "2024-03-15T10:00:01.000Z", level: .error,
      message: "2024-03-15 10:00:01,000 ERROR db gone"),
    // loguru: nested record.
    NormalizedCase(
      line:
        #"{"text":"2024 | ERROR | x\n","record":{"time":{"repr":"2024-03-15 10:00:00.123456+00:00","timestamp":1710496800.123456},"level":{"name":"ERROR","no":40},"message":"x failed","name":"mod"}}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .error, message: "x failed"),
    // Flat dotted key vs nested path.
    NormalizedCase(
      line: #"{"context":{"trace_id":"ctx1"},"attributes":{"request_id":"attr1"}}"#,
      requestId: "ctx1"),
    NormalizedCase(line: #"{"attributes":{"request_id":"attr1"}}"#, requestId: "attr1"),
    // All-zero and empty request IDs are ignored; the next key is used.
    NormalizedCase(
      line: #"{"traceId":"00000000000000000000000000000000","request_id":"","correlationId":"c1"}"#,
      requestId: "c1"),
    NormalizedCase(line: #"{"traceId":"0000-0000","msg":"x"}"#, message: "x"),
    // Duplicate keys: the last wins.
    NormalizedCase(line: #"{"level":"info","level":"error"}"#, level: .error),
    // Escapes in values are decoded.
    NormalizedCase(
      line: #"{"msg":"line1\nline2 \u00e9 \ud83d\ude00"}"#, message: "line1\nline2 é 😀"),
    // Numbers as messages and IDs.
    NormalizedCase(line: #"{"msg":42,"requestId":7}"#, message: "42", requestId: "7"),
    // PRIORITY numbers; unknown level text.
    NormalizedCase(line: #"{"PRIORITY":7}"#, level: .debug),
    NormalizedCase(line: #"{"level":"loud"}"#),
    // Priority among keys: message before msg, level before severity.
    NormalizedCase(
      line: #"{"msg":"b","message":"a","severity":"ERROR","level":"info"}"#, level: .info,
      message: "a"),
    // A timestamp key that does not parse falls through to the next.
    NormalizedCase(
      line: #"{"timestamp":"yesterday","time":"2024-03-15T10:00:00Z"}"#,
      timestamp: "2024-03-15T10:00:00.000Z"),
    // Leading whitespace still JSON.
    NormalizedCase(line: #"   {"msg":"x"}  "#, message: "x"),
    // Raw text: best-effort level, message is the line.
    NormalizedCase(
      line: "2024-03-15 10:00:00,123 ERROR db pool exhausted", json: false,
      timestamp: "2024-03-15T10:00:00.123Z", level: .error,
      message: "2024-03-15 10:00:00,123 ERROR db pool exhausted"),
    NormalizedCase(line: "just some words", json: false, message: "just some words"),
    NormalizedCase(line: "[1,2,3]", json: false, message: "[1,2,3]"),
    NormalizedCase(line: #"{"broken": "#, json: false, message: #"{"broken": "#),
    NormalizedCase(line: "", json: false, message: ""),
  ]

  @Test(arguments: cases)
  func normalizes(_ expected: NormalizedCase) {
    Self.check(expected)
  }

  /// Normalizes `expected.line` and checks every field against it.
  static func check(_ expected: NormalizedCase) {
    let normalizer = Normalizer()
    let bytes = Array(expected.line.utf8)
    bytes.withUnsafeBytes { raw in
      normalizer.withRecord(raw) { record in
        #expect(record.isJSON == expected.json)
        #expect(record.timestamp.map(TimestampFormatter.rfc3339Millis) == expected.timestamp)
        #expect(record.level == expected.level)
        #expect(record.string(of: .message) == expected.message)
        #expect(record.string(of: .requestId) == expected.requestId)
        #expect(record.string(of: .service) == expected.service)
      }
    }
  }

  /// Indexing asks only for the request ID among the text fields: it, and the others asked
  /// later, come out as with every field collected at once (envelopes and nesting too).
  @Test(arguments: cases)
  func narrowNeedsGiveTheSameFields(_ expected: NormalizedCase) {
    let normalizer = Normalizer()
    let bytes = Array(expected.line.utf8)
    for needs: RecordNeeds in [[.timestamp, .level, .requestId], [.requestId], [.level]] {
      bytes.withUnsafeBytes { raw in
        normalizer.withRecord(raw, needs: needs) { record in
          #expect(record.string(of: .requestId) == expected.requestId)
          #expect(record.string(of: .message) == expected.message)
          #expect(record.string(of: .service) == expected.service)
        }
      }
    }
  }

  @Test func userKeysComeFirst() {
    var keys = FieldKeys.defaults
    keys.prepend(["sev"], for: .level)
    keys.prepend(["who"], for: .service)
    let normalizer = Normalizer(options: NormalizerOptions(keys: keys))
    let line = Array(#"{"level":"info","sev":"error","service":"a","who":"b"}"#.utf8)
    line.withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        #expect(record.level == .error)
        #expect(record.string(of: .service) == "b")
      }
    }
  }

  @Test func naiveTimestampsUseTheZone() throws {
    let zone = try #require(TimeZoneRule(name: "+02:00"))
    let normalizer = Normalizer(options: NormalizerOptions(zone: zone))
    let line = Array(#"{"time":"2024-03-15 12:00:00"}"#.utf8)
    line.withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        #expect(
          record.timestamp.map(TimestampFormatter.rfc3339Millis) == "2024-03-15T10:00:00.000Z")
      }
    }
  }

  @Test func fieldLookupFindsFlatAndNestedPaths() {
    let normalizer = Normalizer()
    let line = Array(#"{"error":{"code":"E1"},"http.status":502,"a":{"b.c":{"d":true}}}"#.utf8)
    line.withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        #expect(record.field(FieldPath("error.code"))?.decodedString() == "E1")
        #expect(record.field(FieldPath("http.status"))?.number() == 502)
        #expect(record.field(FieldPath("a.b.c.d"))?.kind == .bool)
        #expect(record.field(FieldPath("error.missing")) == nil)
      }
    }
  }

  static let lookups: [(String, String, String?)] = [
    (#"{"a":1,"a":2}"#, "a", "2"),
    (#"{"a.b":1,"a":{"b":2}}"#, "a.b", "1"),
    (#"{"a":{"b":2}}"#, "a.b", "2"),
    (#"{"d\u0075r":5,"x":1}"#, "dur", "5"),
    (#"{"x":1}"#, "y", nil),
    (#"{"log":"{\"inner\":7}\n","stream":"stdout"}"#, "inner", "7"),
    (#"{"log":"{\"inner\":7}\n","stream":"stdout"}"#, "stream", "stdout"),
    ("plain text x=1", "x", nil),
    // The longest key first; when the rest is not below it, the next longest.
    (#"{"a.b":{"x":1},"a":{"b":{"c":2}}}"#, "a.b.c", "2"),
    (#"{"a":{"b.c":3}}"#, "a.b.c", "3"),
    (#"{"a.b":"s","a":{"b":{"c":9}}}"#, "a.b.c", "9"),
    (#"{"a":{"b":{"x":0}},"a.b":{"y":0},"a":{"b.c":10}}"#, "a.b.c", "10"),
    (#"{"a":{"b":{"c":{"d":11}}},"a.b.c":{"e":0}}"#, "a.b.c.d", "11"),
    (#"{"x":{"a.b":{"d":0},"a":{"b":{"c":12}}}}"#, "x.a.b.c", "12"),
    // The last duplicate is the one looked into.
    (#"{"a":{"b":1},"a":2}"#, "a.b", nil),
    (#"{"x":{"a":{"b":1},"a":{"b":13}}}"#, "x.a.b", "13"),
    // Empty components, escaped keys.
    (#"{"a":{"":{"b":4}}}"#, "a..b", "4"),
    (#"{"a":{"":5}}"#, "a.", "5"),
    (#"{"a":{"\u0062":6}}"#, "a.b", "6"),
    (#"{"":{"a":7}}"#, ".a", "7"),
    (#"{"ab":{"c":0},"a":{"c":8}}"#, "a.c", "8"),
  ]

  /// A path of many components costs its length, not its square, and no stack: 100,000
  /// components, over a record that has the first ones nested and one nested 5,000 deep.
  @Test func longPathsAreLinear() {
    let count = 100_000
    let path = FieldPath((0..<count).map { "a\($0)" }.joined(separator: "."))
    let depth = 5_000
    let deep =
      (0..<depth).map { #"{"a\#($0)":"# }.joined() + "1" + String(repeating: "}", count: depth)
    let deepPath = FieldPath((0..<depth).map { "a\($0)" }.joined(separator: "."))
    let normalizer = Normalizer()
    let seconds = threadCPUSeconds {
      for line in [#"{"a0":{"a1":{"a2":1}},"a0.a1":2}"#, deep] {
        Array(line.utf8).withUnsafeBytes { bytes in
          normalizer.withRecord(bytes) { record in #expect(record.field(path) == nil) }
        }
      }
      Array(deep.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes) { record in #expect(record.field(deepPath)?.number() == 1) }
      }
    }
    #expect(seconds < 2)
  }

  /// Keys given for a field (`--key`) may be long paths too: the key table holds each path
  /// once, its prefixes pointing into it.
  @Test func longKeyPathsAreLinear() {
    let count = 100_000
    let long = (0..<count).map { "k\($0)" }.joined(separator: ".")
    var keys = FieldKeys.defaults
    keys.prepend([long, "x..y", "deep.msg", "t."], for: .message)
    var normalizer: Normalizer?
    let building = threadCPUSeconds {
      normalizer = Normalizer(options: NormalizerOptions(keys: keys))
    }
    #expect(building < 2)
    let cases: [(String, String?)] = [
      (#"{"k0":{"k1":"no"},"x":{"":{"y":"empty"}}}"#, "empty"),
      (#"{"deep":{"msg":"nested"}}"#, "nested"),
      (#"{"deep.msg":"flat"}"#, "flat"),
      (#"{"t":{"":"trailing"}}"#, "trailing"),
      (#"{"k0.k1":{"k2":1},"msg":"default"}"#, "default"),
    ]
    for (line, message) in cases {
      Array(line.utf8).withUnsafeBytes { bytes in
        normalizer?.withRecord(bytes) { record in
          #expect(record.string(of: .message) == message, "\(line)")
        }
      }
    }
  }

  /// Fields are found among the members the scan recorded, with the object walk's answers:
  /// last duplicate wins, a flat dotted key before a nested path, escaped keys, envelopes.
  @Test(arguments: lookups)
  func fieldLookup(_ line: String, _ path: String, _ expected: String?) {
    let normalizer = Normalizer()
    Array(line.utf8).withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        #expect(record.field(FieldPath(path))?.decodedString() == expected)
      }
    }
  }

  @Test func extraFieldsSkipWhatIsAlreadyShown() {
    let normalizer = Normalizer()
    let line = Array(
      #"{"time":"2024-03-15T10:00:00Z","level":"info","msg":"m","service":"s","requestId":"r","k":1}"#
        .utf8)
    line.withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        var keys: [String] = []
        record.forEachExtraField { key, _ in keys.append(key.decodedString()) }
        #expect(keys == ["requestId", "k"])
      }
    }
  }
}
