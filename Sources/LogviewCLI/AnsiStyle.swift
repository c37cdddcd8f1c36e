import LogviewCore

/// SGR sequences for the pretty output; empty when color is off.
struct AnsiStyle: Sendable {
  let enabled: Bool

  static let reset: [UInt8] = Array("\u{1B}[0m".utf8)
  static let dim: [UInt8] = Array("\u{1B}[2m".utf8)
  static let service: [UInt8] = Array("\u{1B}[36m".utf8)

  /// Indexed by Level.rawValue (0 unused).
  private static let levelCodes: [[UInt8]] = [
    [], Array("\u{1B}[2m".utf8), Array("\u{1B}[34m".utf8), Array("\u{1B}[32m".utf8),
    Array("\u{1B}[33m".utf8), Array("\u{1B}[1;31m".utf8), Array("\u{1B}[1;97;41m".utf8),
  ]

  static func level(_ level: Level) -> [UInt8] { levelCodes[Int(level.rawValue)] }

  func open(_ code: [UInt8], _ out: inout [UInt8]) {
    if enabled { out.append(contentsOf: code) }
  }

  func close(_ out: inout [UInt8]) {
    if enabled { out.append(contentsOf: Self.reset) }
  }
}
