/// The detail pane's cursor: which field it is on, and whether the pane has the keyboard
/// (Tab from the stream or the request view; Esc gives it back).
public struct DetailCursor: Equatable, Sendable {
  public var focused = false
  /// Index among the record's fields and headers (`DetailText.stops`), clamped where used.
  public var field = 0

  public init(focused: Bool = false, field: Int = 0) {
    self.focused = focused
    self.field = field
  }
}
