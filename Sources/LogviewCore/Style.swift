/// How a piece of text looks, on the explorer's screen or in headless pretty output.
/// Screens without color ignore fg/bg and keep the attributes.
public struct Style: Hashable, Sendable {
  public var fg: TermColor
  public var bg: TermColor
  public var bold: Bool
  public var dim: Bool
  public var reverse: Bool
  public var underline: Bool

  public init(
    fg: TermColor = .standard, bg: TermColor = .standard, bold: Bool = false, dim: Bool = false,
    reverse: Bool = false, underline: Bool = false
  ) {
    self.fg = fg
    self.bg = bg
    self.bold = bold
    self.dim = dim
    self.reverse = reverse
    self.underline = underline
  }

  public static let plain = Style()
}
