/// The normalized fields a record can have, each found through a prioritized list of keys.
public enum NormalizedKey: String, CaseIterable, Sendable {
  case timestamp, level, message, requestId = "request", service
}

/// How a level key's numeric values are read.
enum LevelScheme: UInt8, Sendable {
  case text, bunyan, syslog, openTelemetry
}

/// One candidate key for a normalized field: a flat key name that may also be a nested path.
struct KeyCandidate: Sendable, Equatable {
  var path: String
  var levelScheme: LevelScheme = .text
  /// Epoch unit for keys whose numbers have a fixed unit (journald µs); 0 = by magnitude.
  var epochUnitNanos: Int64 = 0
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
    ],
    level: [
      KeyCandidate(path: "level", levelScheme: .bunyan),
      KeyCandidate(path: "lvl", levelScheme: .bunyan),
      KeyCandidate(path: "severity", levelScheme: .bunyan),
      KeyCandidate(path: "levelname"),
      KeyCandidate(path: "log.level"),
      KeyCandidate(path: "@l"),
      KeyCandidate(path: "severity_text"),
      KeyCandidate(path: "severityText"),
      KeyCandidate(path: "loglevel"),
      KeyCandidate(path: "record.level.name"),
      KeyCandidate(path: "PRIORITY", levelScheme: .syslog),
      KeyCandidate(path: "severity_number", levelScheme: .openTelemetry),
      KeyCandidate(path: "severityNumber", levelScheme: .openTelemetry),
    ],
    // `record.message` (loguru) is tried before `text`, which holds loguru's whole formatted line.
    message: [
      "message", "msg", "@m", "@mt", "body", "MESSAGE", "record.message", "text", "event",
    ].map { KeyCandidate(path: $0) },
    requestId: [
      "requestId", "request_id", "reqId", "req_id", "correlationId", "correlation_id", "traceId",
      "trace_id", "trace.id", "transaction.id", "x-request-id", "logging.googleapis.com/trace",
      "context.trace_id", "attributes.request_id",
      // Beyond the common keys: Serilog's RequestId and @tr, loguru's bound request_id.
      "RequestId", "@tr", "record.extra.request_id",
    ].map { KeyCandidate(path: $0) },
    service: [
      "service", "service.name", "svc", "app", "component", "logger", "SourceContext", "name",
      "SYSLOG_IDENTIFIER",
      "_SYSTEMD_UNIT", "resource.service.name",
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
