/// Ctrl-W (wrap long rows, as in lnav) and the moves that differ once a row may take several
/// screen lines: paging by what a screen shows, clicks, and keeping the selection wholly
/// visible after any key.
extension Reducer {
  /// Keys that mean something else with wrapped rows; false when the key is not one of them.
  static func handleRowKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout)
    -> Bool
  {
    guard state.mode == .browse else { return false }
    if key == .ctrl("w") {
      state.rows.wrap.toggle()
      state.notice = state.rows.wrap ? "long rows wrapped" : "long rows cut (← → scroll)"
      if state.rows.wrap {
        settleRows(&state, data: data, layout: layout, before: (state.stream, state.errors))
      } else {
        state.stream.clamp(count: data.rowCount, height: layout.listHeight(state))
        state.errors.clamp(count: data.errorRows.count, height: layout.errorsListHeight)
      }
      return true
    }
    guard state.rows.wrap, state.main == .stream else { return false }
    let errorsFocused = state.errorsFocused && state.showErrorsPane
    let before = (stream: state.stream, errors: state.errors)
    switch key {
    case .pageDown, .char(" "), .ctrl("f"), .pageUp, .ctrl("b"):
      let down = key != .pageUp && key != .ctrl("b")
      if errorsFocused {
        let count = data.errorRows.count
        guard count > 0 else { return true }
        ListLines.errors(state: state, data: data, layout: layout)
          .page(&state.errors, down: down, count: count)
        move(
          &state, to: data.errorRows[state.errors.selected], count: data.rowCount,
          height: layout.listHeight(state))
        settleRows(&state, data: data, layout: layout, before: (before.stream, state.errors))
      } else {
        let lines = ListLines.stream(state: state, data: data, layout: layout)
        var position = state.stream
        lines.page(&position, down: down, count: data.rowCount)
        move(&state, to: position.selected, count: data.rowCount, height: lines.height)
        state.stream.top = position.top
        lines.clamp(&state.stream, count: data.rowCount)
      }
    case .click(let x, let y) where !errorsFocused:
      let list = layout.main
      guard x >= list.x, x < list.x + list.width, y >= list.y else { return true }
      let lines = ListLines.stream(state: state, data: data, layout: layout)
      if let row = lines.row(atLine: y - list.y, top: state.stream.top, count: data.rowCount) {
        move(&state, to: row, count: data.rowCount, height: lines.height)
        lines.settle(&state.stream, before: before.stream, count: data.rowCount)
      }
    default:
      return false
    }
    return true
  }

  /// After a key or new data, with wrapped rows: the stream's and the errors pane's
  /// selections wholly on screen; `before`: their positions before the change.
  public static func settleRows(
    _ state: inout AppState, data: ViewData, layout: Layout,
    before: (stream: ListPosition, errors: ListPosition)
  ) {
    guard state.rows.wrap, state.main == .stream else { return }
    // The key may have opened or closed a pane: measure the list as it is now.
    let layout = Layout(width: layout.width, height: layout.height, state: state)
    ListLines.stream(state: state, data: data, layout: layout)
      .settle(&state.stream, before: before.stream, count: data.rowCount)
    if state.showErrorsPane, layout.errors != nil {
      ListLines.errors(state: state, data: data, layout: layout)
        .settle(&state.errors, before: before.errors, count: data.errorRows.count)
    }
  }
}
