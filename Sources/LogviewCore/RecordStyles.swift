/// The one table of how a record's parts look, on the explorer's screen and in headless
/// pretty output alike: levels by color (on terminals without colors, by attributes: debug
/// dim, warn bold, error bold and underlined, fatal reversed), times and keys dim, services
/// cyan.
public struct RecordStyles: Equatable, Sendable {
  public let colors: Bool

  public init(colors: Bool) { self.colors = colors }

  /// A record's message, or a raw-text line, by its level.
  public func level(_ level: Level?) -> Style {
    guard let level else { return .plain }
    switch level {
    case .trace: return Style(dim: true)
    case .debug: return colors ? Style(fg: .blue, dim: true) : Style(dim: true)
    case .info: return .plain
    case .warn: return colors ? Style(fg: .yellow) : Style(bold: true)
    case .error: return colors ? Style(fg: .red, bold: true) : Style(bold: true, underline: true)
    case .fatal:
      return colors ? Style(fg: .red, bold: true, reverse: true) : Style(bold: true, reverse: true)
    }
  }

  /// The level word (colored even when the message is plain: info is green).
  public func levelLabel(_ level: Level?) -> Style {
    guard let level else { return Style(dim: true) }
    switch level {
    case .info: return colors ? Style(fg: .green) : .plain
    default: return self.level(level)
    }
  }

  public var time: Style { Style(dim: true) }
  public var service: Style { colors ? Style(fg: .cyan) : .plain }
  /// Field names ("key=") after the message.
  public var key: Style { Style(dim: true) }
  /// Continuation lines (tracebacks) under a record.
  public var continuation: Style { Style(dim: true) }
}
