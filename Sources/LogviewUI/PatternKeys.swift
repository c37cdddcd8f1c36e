/// Keys of the patterns pane (`p`).
extension Reducer {
  /// Opens the pane on its first row; the order chosen last stays.
  static func openPatterns(_ state: inout AppState) {
    state.patterns.selected = nil
    state.patterns.top = 0
    state.showDetail = false
    state.main = .patterns
  }

  static func handlePatternsKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    let rows = PatternsPane.patternRows(height: layout.main.height)
    let patterns = data.patterns.summary(errorsFirst: state.patterns.errorsFirst).patterns
    let position = PatternsPane.position(state.patterns, table: data.patterns, rows: rows)
    switch key {
    case .escape, .char("p"):
      state.main = .stream
    case .char("q"), .char("?"), .function(1), .char(":"), .char("f"):
      _ = handleCommon(key, state: &state)
    case .char("e"):
      // The new order from its top: the patterns it puts first are what was asked for.
      state.patterns.errorsFirst.toggle()
      state.patterns.selected = nil
      state.patterns.top = 0
      state.notice = state.patterns.errorsFirst ? "most errors first" : "most records first"
    case .enter:
      guard position.selected >= 0 else {
        state.notice = "no pattern to filter to"
        return
      }
      let filter = FilterPivot.adding(
        "pattern=" + patterns[position.selected].idText, to: state.appliedFilter)
      state.filterEditor.set(filter)
      state.filterEditor.remember(filter)
      state.main = .stream
    default:
      guard
        let target = listTarget(key, from: position.selected, height: rows, count: patterns.count),
        !patterns.isEmpty
      else { return }
      var moved = position
      moved.selected = min(max(target, 0), patterns.count - 1)
      moved.clamp(count: patterns.count, height: rows)
      state.patterns.selected = patterns[moved.selected].id
      state.patterns.top = moved.top
    }
  }
}
