/// How stream and errors rows are laid out.
public struct RowOptions: Equatable, Sendable {
  /// Long rows continue on the following screen lines instead of being cut at the edge
  /// (Ctrl-W, `wrap = on` in the configuration file).
  public var wrap = false
  /// Times show their date (TimeColumn decides from the log's span and today).
  public var dates = false

  public init(wrap: Bool = false, dates: Bool = false) {
    self.wrap = wrap
    self.dates = dates
  }
}
