import LogviewCore

/// The record styles as SGR escape sequences for headless pretty output (RecordStyles is
/// the one table; this only spells it for a terminal). Precomputed once, so the per-record
/// path appends bytes and never builds a sequence; nothing is written when color is off.
///
/// Every sequence lives in one immutable buffer and a style is a plain range of it: the
/// workers share this table, and sequences kept as arrays were retained per record, with
/// the cores contending for their reference counts.
struct AnsiStyle: Sendable {
  /// Where one sequence lies in the table.
  struct Sequence: Sendable {
    let start: Int
    let count: Int
  }

  let enabled: Bool
  private let table: SequenceTable
  let time: Sequence
  let service: Sequence
  let key: Sequence
  let continuation: Sequence

  static let reset: StaticString = "\u{1B}[0m"

  init(enabled: Bool) {
    self.enabled = enabled
    let styles = RecordStyles(colors: true)
    let levels: [Level?] = [nil] + Level.allCases
    table = SequenceTable(
      levels.map { Self.sequence(styles.levelLabel($0)) }
        + levels.map { Self.sequence(styles.level($0)) }
        + [styles.time, styles.service, styles.key, styles.continuation].map(Self.sequence))
    let named = levels.count * 2
    time = table.sequences[named]
    service = table.sequences[named + 1]
    key = table.sequences[named + 2]
    continuation = table.sequences[named + 3]
  }

  @inline(__always)
  func levelLabel(_ level: Level?) -> Sequence { table.sequences[Int(level?.rawValue ?? 0)] }

  @inline(__always)
  func levelText(_ level: Level?) -> Sequence {
    table.sequences[Level.allCases.count + 1 + Int(level?.rawValue ?? 0)]
  }

  /// Starts a styled piece; returns whether `close` must end it.
  @inline(__always)
  func open(_ sequence: Sequence, _ out: inout [UInt8]) -> Bool {
    guard enabled, sequence.count > 0 else { return false }
    out.appendBytes(
      UnsafeRawBufferPointer(start: table.bytes + sequence.start, count: sequence.count))
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

/// The sequences' bytes and ranges, in memory of their own; immutable once built.
private final class SequenceTable: @unchecked Sendable {
  let bytes: UnsafeMutableRawPointer
  let sequences: UnsafeMutableBufferPointer<AnsiStyle.Sequence>

  init(_ parts: [[UInt8]]) {
    bytes = .allocate(byteCount: max(1, parts.reduce(0) { $0 + $1.count }), alignment: 1)
    sequences = .allocate(capacity: parts.count)
    var start = 0
    for (i, part) in parts.enumerated() {
      UnsafeMutableRawBufferPointer(start: bytes + start, count: part.count).copyBytes(from: part)
      sequences[i] = AnsiStyle.Sequence(start: start, count: part.count)
      start += part.count
    }
  }

  deinit {
    bytes.deallocate()
    sequences.deallocate()
  }
}
