import LogviewCore

/// SGR sequences for the pretty output; nothing is written when color is off. Codes are
/// StaticStrings: no arrays to allocate or lazily initialize on the per-record path.
struct AnsiStyle: Sendable {
  let enabled: Bool

  static let reset: StaticString = "\u{1B}[0m"
  static let dim: StaticString = "\u{1B}[2m"
  static let service: StaticString = "\u{1B}[36m"

  static func level(_ level: Level) -> StaticString {
    switch level {
    case .trace: "\u{1B}[2m"
    case .debug: "\u{1B}[34m"
    case .info: "\u{1B}[32m"
    case .warn: "\u{1B}[33m"
    case .error: "\u{1B}[1;31m"
    case .fatal: "\u{1B}[1;97;41m"
    }
  }

  @inline(__always)
  func open(_ code: StaticString, _ out: inout [UInt8]) {
    if enabled { out.appendBytes(code) }
  }

  @inline(__always)
  func close(_ out: inout [UInt8]) {
    if enabled { out.appendBytes(Self.reset) }
  }
}
