/// How much a lint finding costs a service's score, named like the levels it is colored as.
public enum LintSeverity: UInt8, Comparable, CaseIterable, Sendable {
  case info, warn, error

  public var name: String {
    switch self {
    case .info: "info"
    case .warn: "warn"
    case .error: "error"
    }
  }

  /// Points taken from 100 by a finding covering every record (see `LintScore`).
  public var weight: Int {
    switch self {
    case .info: 4
    case .warn: 10
    case .error: 25
    }
  }

  public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
