import LogviewCore

/// One terminal cell. A wide character occupies its cell (width 2) and the next one, which
/// holds an empty `text` and width 0.
public struct Cell: Equatable, Sendable {
  public var text: String
  public var width: UInt8
  public var style: Style

  public init(text: String, width: UInt8, style: Style) {
    self.text = text
    self.width = width
    self.style = style
  }

  public static let blank = Cell(text: " ", width: 1, style: .plain)
}
