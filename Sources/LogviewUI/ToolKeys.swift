/// Keys of the tools that act on whichever list has the keyboard (the stream, the errors
/// pane, the correlation view): marks, copy, save.
extension Reducer {
  /// True when `key` was one of them.
  static func handleToolKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout)
    -> Bool
  {
    let list = ActiveList(state)
    switch key {
    case .char("m"): toggleMark(list, state: &state, data: data)
    case .char("u"): jumpToMark(list, forward: true, state: &state, data: data, layout: layout)
    case .char("U"): jumpToMark(list, forward: false, state: &state, data: data, layout: layout)
    case .char("y"): copySelected(list, state: &state, data: data)
    case .char("S"): startSave(list, state: &state)
    default: return false
    }
    return true
  }
}
