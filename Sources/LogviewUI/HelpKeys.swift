/// Keys while the `?` box is open: the scrolling keys scroll it, any other key closes it.
extension Reducer {
  static func handleHelpKey(_ key: Key, state: inout AppState, layout: Layout) {
    let rows = HelpOverlay.visibleRows(screenHeight: layout.height)
    let last = max(0, HelpOverlay.entries.count - rows)
    var target = state.helpScroll
    switch key {
    case .down, .char("j"), .wheelDown: target += 1
    case .up, .char("k"), .wheelUp: target -= 1
    case .pageDown, .char(" "), .ctrl("f"): target += max(1, rows - 1)
    case .pageUp, .ctrl("b"): target -= max(1, rows - 1)
    case .home, .char("g"): target = 0
    case .end, .char("G"): target = last
    default:
      state.mode = .browse
      state.helpScroll = 0
      return
    }
    state.helpScroll = min(max(0, target), last)
  }
}
