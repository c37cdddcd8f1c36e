import LogviewCore

/// Styles of the explorer's chrome (bars, selection, highlight), with the record's own
/// styles from RecordStyles. On terminals without color, levels still differ by attributes.
public struct Palette: Equatable, Sendable {
  public let colors: Bool
  /// Levels, times, services and keys: the table headless output uses too.
  public let record: RecordStyles

  public init(colors: Bool) {
    self.colors = colors
    record = RecordStyles(colors: colors)
  }

  public func level(_ level: Level?) -> Style { record.level(level) }

  /// The level word's own style in rows (colored even when the row is plain).
  public func levelLabel(_ level: Level?) -> Style { record.levelLabel(level) }

  public var statusBar: Style { Style(reverse: true) }
  public var selection: Style { Style(reverse: true) }
  public var dim: Style { Style(dim: true) }
  public var service: Style { record.service }
  public var key: Style { record.key }
  public var highlight: Style { colors ? Style(fg: .black, bg: .yellow) : Style(underline: true) }
  public var errorText: Style { colors ? Style(fg: .red, bold: true) : Style(bold: true) }
  public var title: Style { Style(bold: true) }
}
