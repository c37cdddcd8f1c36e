/// Severity of a record, in the order used for comparisons (`level>=warn`).
public enum Level: UInt8, Comparable, CaseIterable, Sendable {
  case trace = 1
  case debug
  case info
  case warn
  case error
  case fatal

  /// The lowercase name used in output and queries.
  public var name: String {
    switch self {
    case .trace: "trace"
    case .debug: "debug"
    case .info: "info"
    case .warn: "warn"
    case .error: "error"
    case .fatal: "fatal"
    }
  }

  /// Upper-case name padded to five columns, for aligned level columns.
  public var paddedLabel: StaticString {
    switch self {
    case .trace: "TRACE"
    case .debug: "DEBUG"
    case .info: "INFO "
    case .warn: "WARN "
    case .error: "ERROR"
    case .fatal: "FATAL"
    }
  }

  public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
}
