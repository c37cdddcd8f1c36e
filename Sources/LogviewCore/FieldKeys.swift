/// The normalized fields a record can have, each found through a prioritized list of keys.
public enum NormalizedKey: String, CaseIterable, Sendable {
  case timestamp, level, message, requestId = "request", service
}

/// How a level key's values are read.
enum LevelScheme: UInt8, Sendable {
  /// `serilog`: names as `text`, but Verbose, Serilog's lowest level, is trace.
  case text, bunyan, syslog, openTelemetry, serilog
}

/// One candidate key for a normalized field: a flat key name that may also be a nested path.
struct KeyCandidate: Sendable, Equatable {
  var path: String
  var levelScheme: LevelScheme = .text
  /// Epoch unit for keys whose numbers have a fixed unit (journald µs); 0 = by magnitude.
  var epochUnitNanos: Int64 = 0
  /// Only a string value counts (an access log's request line, never an object of that name).
  var stringOnly = false
}

/// The keys tried, in order, for each normalized field. User keys come first.
public struct FieldKeys: Sendable, Equatable {
  var timestamp: [KeyCandidate]
  var level: [KeyCandidate]
  var message: [KeyCandidate]
  var requestId: [KeyCandidate]
  var service: [KeyCandidate]

  public static let defaults = FieldKeys(
    timestamp: [
      "timestamp", "time", "ts", "@timestamp", "@t", "t", "date", "datetime", "asctime",
      "eventTime", "timeUnixNano", "observedTimeUnixNano",
    ].map { KeyCandidate(path: $0) } + [
      KeyCandidate(path: "__REALTIME_TIMESTAMP", epochUnitNanos: 1_000),
      KeyCandidate(path: "_SOURCE_REALTIME_TIMESTAMP", epochUnitNanos: 1_000),
      KeyCandidate(path: "record.time.repr"),
      KeyCandidate(path: "record.time.timestamp"),
      // GCP's flat seconds (with `timestampNanos` beside them), Log4j2 JsonLayout's `instant`
      // object and older `timeMillis`, nginx's `$msec` (seconds with ms), `$time_iso8601` and
      // `$time_local`.
      KeyCandidate(path: "timestampSeconds", epochUnitNanos: 1_000_000_000),
      KeyCandidate(path: "instant"),
      KeyCandidate(path: "timeMillis", epochUnitNanos: 1_000_000),
      KeyCandidate(path: "msec", epochUnitNanos: 1_000_000_000),
      KeyCandidate(path: "time_iso8601"),
      KeyCandidate(path: "time_local"),
    ],
    level: [
      KeyCandidate(path: "level", levelScheme: .bunyan),
      KeyCandidate(path: "lvl", levelScheme: .bunyan),
      KeyCandidate(path: "severity", levelScheme: .bunyan),
      KeyCandidate(path: "levelname"),
      KeyCandidate(path: "log.level"),
      KeyCandidate(path: "@l", levelScheme: .serilog),
      KeyCandidate(path: "severity_text"),
      KeyCandidate(path: "severityText"),
      KeyCandidate(path: "loglevel"),
      KeyCandidate(path: "record.level.name"),
      KeyCandidate(path: "PRIORITY", levelScheme: .syslog),
      KeyCandidate(path: "severity_number", levelScheme: .openTelemetry),
      KeyCandidate(path: "severityNumber", levelScheme: .openTelemetry),
      // Heroku's router: `at=info`, `at=error`.
      KeyCandidate(path: "at"),
    ],
    // `record.message` (loguru) is tried before `text`, which holds loguru's whole formatted line;
    // an access log's request line (nginx `$request`, or its URI) only when nothing else is there.
    message: [
      "message", "msg", "@m", "@mt", "short_message", "body", "MESSAGE", "record.message", "text",
      "event",
    ].map { KeyCandidate(path: $0) } + [
      KeyCandidate(path: "request", stringOnly: true),
      KeyCandidate(path: "request_uri", stringOnly: true),
    ],
    requestId: [
      "requestId", "request_id", "reqId", "req_id", "correlationId", "correlation_id", "traceId",
      "trace_id", "trace.id", "transaction.id", "x-request-id", "logging.googleapis.com/trace",
      "context.trace_id", "attributes.request_id",
      // Beyond the common keys: Serilog's RequestId and @tr, loguru's bound request_id.
      "RequestId", "@tr", "record.extra.request_id",
      // GELF additional fields, Log4j2's thread context (JsonLayout `contextMap`, the `mdc`
      // of its Logstash template), nginx's `$http_x_request_id`.
      "_request_id", "_requestId", "_correlation_id", "_correlationId", "_trace_id", "_traceId",
      "contextMap.requestId", "contextMap.request_id", "contextMap.correlationId",
      "contextMap.traceId", "contextMap.trace_id", "mdc.requestId", "mdc.request_id",
      "mdc.correlationId", "mdc.traceId", "mdc.trace_id", "http_x_request_id",
      // AWS Lambda Powertools: the invocation's request ID when no correlation ID is set.
      "function_request_id",
    ].map { KeyCandidate(path: $0) },
    // Logger names (Log4j2, logstash-logback-encoder, ECS, GELF) are the last resort.
    service: [
      "service", "service.name", "svc", "app", "appname", "component", "logger", "SourceContext",
      "name", "SYSLOG_IDENTIFIER", "_SYSTEMD_UNIT", "resource.service.name",
      "resource.attributes.service.name", "_service", "_app", "facility", "_facility",
      "_logger_name", "loggerName", "logger_name", "log.logger",
      // Kubernetes metadata (Fluent Bit), then a kubectl or stern prefix's container.
      "kubernetes.labels.app", "kubernetes.container_name", "container",
    ].map { KeyCandidate(path: $0) }
  )

  /// Adds user keys for `field`, tried before the existing ones (a repeated key moves to the front).
  public mutating func prepend(_ names: [String], for field: NormalizedKey) {
    let scheme: LevelScheme = field == .level ? .bunyan : .text
    let added = names.map { KeyCandidate(path: $0, levelScheme: scheme) }
    let named = Set(names)
    func merged(_ list: [KeyCandidate]) -> [KeyCandidate] {
      added + list.filter { old in !named.contains(old.path) }
    }
    switch field {
    case .timestamp: timestamp = merged(timestamp)
    case .level: level = merged(level)
    case .message: message = merged(message)
    case .requestId: requestId = merged(requestId)
    case .service: service = merged(service)
    }
  }

  func candidates(for field: NormalizedKey) -> [KeyCandidate] {
    switch field {
    case .timestamp: timestamp
    case .level: level
    case .message: message
    case .requestId: requestId
    case .service: service
    }
  }
}
