import LogviewCore

/// Styles for levels and chrome. On terminals without color, levels still differ:
/// debug dim, warn bold, error bold+underline, fatal reverse.
public struct Palette: Equatable, Sendable {
  public let colors: Bool

  public init(colors: Bool) { self.colors = colors }

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

  /// The level word's own style in rows (colored even when the row is plain).
  public func levelLabel(_ level: Level?) -> Style {
    guard let level else { return Style(dim: true) }
    switch level {
    case .info: return colors ? Style(fg: .green) : .plain
    default: return self.level(level)
    }
  }

  public var statusBar: Style { Style(reverse: true) }
  public var selection: Style { Style(reverse: true) }
  public var dim: Style { Style(dim: true) }
  public var service: Style { colors ? Style(fg: .cyan) : .plain }
  public var key: Style { Style(dim: true) }
  public var highlight: Style { colors ? Style(fg: .black, bg: .yellow) : Style(underline: true) }
  public var errorText: Style { colors ? Style(fg: .red, bold: true) : Style(bold: true) }
  public var title: Style { Style(bold: true) }
}
