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

  /// `aliases` by key length, for a walk over a record's keys.
  static let aliasesByLength: [[Int]] = {
    var table = [[Int]](repeating: [], count: 33)
    for (index, alias) in aliases.enumerated() where alias.key.count < table.count {
      table[alias.key.count].append(index)
    }
    return table
  }()

  /// The alias `key` is, if any.
  @inline(__always)
  static func alias(_ key: UnsafeRawBufferPointer) -> Int? {
    guard key.count < aliasesByLength.count else { return nil }
    for index in aliasesByLength[key.count]
    where aliases[index].key.withUnsafeBytes({
      $0.elementsEqual(key)
    }) {
      return index
    }
    return nil
  }
}
