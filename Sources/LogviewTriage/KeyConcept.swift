import LogviewCore

/// A concept services name with keys of their own (`requestId`, `reqId`, `request_id`): the
/// lint compares, across services, the key each record wrote it under. Time, level, message
/// and request ID are the keys the normalizer read them from; trace ID, user ID and duration
/// are top-level keys matched against `aliases`.
public enum KeyConcept: UInt8, CaseIterable, Sendable {
  case time, level, message, requestId, traceId, userId, duration

  public var title: String {
    switch self {
    case .time: "time"
    case .level: "level"
    case .message: "message"
    case .requestId: "request ID"
    case .traceId: "trace ID"
    case .userId: "user ID"
    case .duration: "duration"
    }
  }

  /// The normalized field a concept is read as, if it is one.
  var normalized: NormalizedKey? {
    switch self {
    case .time: .timestamp
    case .level: .level
    case .message: .message
    case .requestId: .requestId
    case .traceId, .userId, .duration: nil
    }
  }

  /// The keys of the concepts the normalizer does not read (durations: the duration
  /// reader's keys).
  static let aliases: [(key: [UInt8], concept: KeyConcept)] =
    ["traceId", "trace_id", "traceID", "TraceId", "trace.id", "trace-id"].map {
      (Array($0.utf8), KeyConcept.traceId)
    }
    + ["userId", "user_id", "userID", "UserId", "user.id", "uid", "user-id"].map {
      (Array($0.utf8), KeyConcept.userId)
    }
    + DurationReader.keys.map { ($0.bytes, KeyConcept.duration) }

  static let lookup = KeyLookup(aliases.map(\.key))

  /// The alias `key` is, if any.
  @inline(__always)
  static func alias(_ key: UnsafeRawBufferPointer) -> Int? { lookup.index(of: key) }

  /// The concepts read from the normalizer, in the order they are counted.
  static let normalizedConcepts: [KeyConcept] = allCases.filter { $0.normalized != nil }
}
