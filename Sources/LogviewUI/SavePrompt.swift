/// `S`: the prompt asking where to save the current view as raw lines, the question when
/// the file exists, and the request the controller carries out (the reducer does no I/O).
public struct SavePrompt: Equatable, Sendable {
  public var editor = LineEditor()
  /// The list to save, as it had the keyboard when `S` was pressed.
  var list: ActiveList = .stream
  /// What Enter writes: the view as raw lines (`S`), or the request's incident bundle (`b`).
  public var kind = SaveKind.view
  /// The path as typed, while asking whether to replace the file there.
  public var confirming: String?
  /// Set by Enter (or `y` to replace); taken by the controller.
  public var request: SaveRequest?

  public init() {}
}

/// A save the user asked for: the path as typed (`~` not yet expanded).
public struct SaveRequest: Equatable, Sendable {
  public var path: String
  public var replace: Bool
  var list: ActiveList
  public var kind = SaveKind.view
}

/// What the save prompt writes.
public enum SaveKind: Equatable, Sendable {
  /// The view's records as raw lines.
  case view
  /// The request view's incident bundle: Markdown, and NDJSON beside it.
  case bundle
}
