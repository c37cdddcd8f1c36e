/// Which extra fields the stream rows show as `key=value` after the message: every field but
/// those hidden (hidden from the detail pane, or by `hide-fields` in the config file).
public struct FieldColumns: Equatable, Sendable {
  /// Dotted paths as the rows show them (`http.status`).
  public private(set) var hidden: Set<String>

  public init(hidden: Set<String> = []) {
    self.hidden = hidden
  }

  public func shows(_ path: String) -> Bool { !hidden.contains(path) }

  /// Hides a shown field or shows a hidden one; returns whether it is shown now.
  @discardableResult
  public mutating func toggle(_ path: String) -> Bool {
    if hidden.remove(path) != nil { return true }
    hidden.insert(path)
    return false
  }
}
