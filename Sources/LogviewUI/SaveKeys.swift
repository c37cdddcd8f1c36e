/// `S` opens the save prompt; its keys: a path and Enter, or `y` / `n` when the file exists.
extension Reducer {
  static func startSave(_ list: ActiveList, state: inout AppState) {
    state.mode = .save
    state.save.list = list
    state.save.kind = .view
    state.save.confirming = nil
    state.save.editor.set("")
  }

  static func handleSaveKey(_ key: Key, state: inout AppState) {
    if let path = state.save.confirming {
      state.save.confirming = nil
      state.mode = .browse
      if key == .char("y") || key == .char("Y") {
        state.save.request = SaveRequest(
          path: path, replace: true, list: state.save.list, kind: state.save.kind)
      } else {
        state.notice = state.save.kind == .bundle ? "no bundle written" : "not saved"
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
      state.save.request = SaveRequest(
        path: path, replace: false, list: state.save.list, kind: state.save.kind)
    default: _ = state.save.editor.apply(key)
    }
  }
}
