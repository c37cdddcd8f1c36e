import LogviewCore

/// The record styles as SGR escape sequences for headless pretty output (RecordStyles is
/// the one table; this only spells it for a terminal). Precomputed once, so the per-record
/// path appends bytes and never builds a sequence; nothing is written when color is off.
struct AnsiStyle: Sendable {
  let enabled: Bool
  private let levelLabels: [[UInt8]]
  private let levelTexts: [[UInt8]]
  let time: [UInt8]
  let service: [UInt8]
  let key: [UInt8]
  let continuation: [UInt8]

  static let reset: StaticString = "\u{1B}[0m"

  init(enabled: Bool) {
    self.enabled = enabled
    let styles = RecordStyles(colors: true)
    let levels: [Level?] = [nil] + Level.allCases
    levelLabels = levels.map { Self.sequence(styles.levelLabel($0)) }
    levelTexts = levels.map { Self.sequence(styles.level($0)) }
    time = Self.sequence(styles.time)
    service = Self.sequence(styles.service)
    key = Self.sequence(styles.key)
    continuation = Self.sequence(styles.continuation)
  }

  func levelLabel(_ level: Level?) -> [UInt8] { levelLabels[Int(level?.rawValue ?? 0)] }
  func levelText(_ level: Level?) -> [UInt8] { levelTexts[Int(level?.rawValue ?? 0)] }

  /// Starts a styled piece; returns whether `close` must end it.
  @inline(__always)
  func open(_ sequence: [UInt8], _ out: inout [UInt8]) -> Bool {
    guard enabled, !sequence.isEmpty else { return false }
    out.append(contentsOf: sequence)
    return true
  }

  @inline(__always)
  func close(_ opened: Bool, _ out: inout [UInt8]) {
    if opened { out.appendBytes(Self.reset) }
  }

  /// "ESC [ codes m" for a style; empty for the plain style.
  static func sequence(_ style: Style) -> [UInt8] {
    var codes: [Int] = []
    if style.bold { codes.append(1) }
    if style.dim { codes.append(2) }
    if style.underline { codes.append(4) }
    if style.reverse { codes.append(7) }
    if style.fg != .standard { codes.append(29 + Int(style.fg.rawValue)) }
    if style.bg != .standard { codes.append(39 + Int(style.bg.rawValue)) }
    guard !codes.isEmpty else { return [] }
    return Array("\u{1B}[\(codes.map(String.init).joined(separator: ";"))m".utf8)
  }
}
