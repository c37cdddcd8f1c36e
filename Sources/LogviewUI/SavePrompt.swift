/// `S`: the prompt asking where to save the current view as raw lines, the question when
/// the file exists, and the request the controller carries out (the reducer does no I/O).
public struct SavePrompt: Equatable, Sendable {
  public var editor = LineEditor()
  /// The list to save, as it had the keyboard when `S` was pressed.
  var list: ActiveList = .stream
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
}

/// Keys of the save prompt.
extension Reducer {
  static func startSave(_ list: ActiveList, state: inout AppState) {
    state.mode = .save
    state.save.list = list
    state.save.confirming = nil
    state.save.editor.set("")
  }

  static func handleSaveKey(_ key: Key, state: inout AppState) {
    if let path = state.save.confirming {
      state.save.confirming = nil
      state.mode = .browse
      if key == .char("y") || key == .char("Y") {
        state.save.request = SaveRequest(path: path, replace: true, list: state.save.list)
      } else {
        state.notice = "not saved"
      }
      return
    }
    switch key {
    case .escape: state.mode = .browse
    case .enter:
      state.mode = .browse
      let path = state.save.editor.text
      guard !path.isEmpty else {
        state.notice = "not saved: no file name"
        return
      }
      state.save.editor.remember(path)
      state.save.request = SaveRequest(path: path, replace: false, list: state.save.list)
    default: _ = state.save.editor.apply(key)
    }
  }
}
