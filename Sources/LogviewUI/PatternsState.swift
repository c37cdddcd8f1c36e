/// The patterns pane's place: the pattern under the cursor (by ID, so it stays on the same
/// pattern while counts change and the order with them), the first row shown, and the order.
public struct PatternsState: Equatable, Sendable {
  /// The selected pattern's ID; nil: the first row.
  public var selected: UInt32?
  /// The first row shown.
  public var top = 0
  /// Most error and fatal records first, rather than most records.
  public var errorsFirst = false

  public init() {}
}
