import LogviewCore

/// Turns keys into state changes. Pure apart from reading ViewData (lock-free log reads).
public enum Reducer {
  public static func handle(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    state.notice = nil
    if handleRowKey(key, state: &state, data: data, layout: layout) { return }
    let before = (stream: state.stream, errors: state.errors)
    defer { settleRows(&state, data: data, layout: layout, before: before) }
    switch state.mode {
    case .help:
      handleHelpKey(key, state: &state, layout: layout)
    case .save:
      handleSaveKey(key, state: &state)
    case .filter:
      handleFilterKey(key, state: &state, data: data)
    case .search:
      handleSearchKey(key, state: &state, data: data, layout: layout)
    case .time:
      handleTimeKey(key, state: &state, data: data, layout: layout)
    case .browse:
      if state.main == .histogram {
        handleHistogramKey(key, state: &state, data: data, layout: layout)
        return
      }
      if state.main == .latency {
        handleLatencyKey(key, state: &state, data: data, layout: layout)
        return
      }
      if state.main == .patterns {
        handlePatternsKey(key, state: &state, data: data, layout: layout)
        return
      }
      if handleToolKey(key, state: &state, data: data, layout: layout) { return }
      if state.detailCursor.focused && state.showDetail {
        handleDetailKey(key, state: &state, data: data, layout: layout)
      } else if state.main == .correlation {
        handleCorrelationKey(key, state: &state, data: data, layout: layout)
      } else if state.errorsFocused && state.showErrorsPane {
        handleErrorsKey(key, state: &state, data: data, layout: layout)
      } else {
        handleStreamKey(key, state: &state, data: data, layout: layout)
      }
    }
  }

  // MARK: stream

  static func handleStreamKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    let height = layout.listHeight(state)
    let count = data.rowCount
    if handleCommon(key, state: &state) { return }
    switch key {
    case .down, .char("j"):
      move(&state, to: state.stream.selected + 1, count: count, height: height)
    case .up, .char("k"): move(&state, to: state.stream.selected - 1, count: count, height: height)
    case .wheelDown: move(&state, to: state.stream.selected + 3, count: count, height: height)
    case .wheelUp: move(&state, to: state.stream.selected - 3, count: count, height: height)
    case .pageDown, .char(" "), .ctrl("f"):
      page(&state, by: height, count: count, height: height)
    case .pageUp, .ctrl("b"):
      page(&state, by: -height, count: count, height: height)
    case .home, .char("g"): move(&state, to: 0, count: count, height: height)
    case .click(let x, let y):
      // A click on a stream row selects it (like moving there with the keys).
      let list = layout.main
      guard x >= list.x, x < list.x + list.width, y >= list.y, y < list.y + height else { break }
      let row = state.stream.top + (y - list.y)
      if row < count { move(&state, to: row, count: count, height: height) }
    case .end, .char("G"), .char("F"): resumeFollow(&state, count: count, height: height)
    case .char("e"): jump(&state, data: data, height: height, forward: true) { $0 >= .error }
    case .char("E"): jump(&state, data: data, height: height, forward: false) { $0 >= .error }
    case .char("w"): jump(&state, data: data, height: height, forward: true) { $0 == .warn }
    case .char("W"): jump(&state, data: data, height: height, forward: false) { $0 == .warn }
    case .char("n"), .char("N"):
      searchAgain(&state, data: data, height: height, forward: key == .char("n"))
    case .enter:
      state.showDetail.toggle()
      state.detailScroll = 0
    case .ctrl("d") where state.showDetail, .ctrl("u") where state.showDetail:
      scrollDetail(&state, data: data, layout: layout, down: key == .ctrl("d"))
    case .char("c"), .char("r"): openCorrelation(&state, data: data)
    case .char("i"): openHistogram(&state, data: data)
    case .char("L"): openLatency(&state)
    case .char("p"): openPatterns(&state)
    case .char("T"): openTimePrompt(&state)
    case .tab where state.showDetail: focusDetail(&state, data: data, layout: layout)
    case .tab where state.showErrorsPane: state.errorsFocused = true
    case .escape:
      if state.showDetail { state.showDetail = false }
    default: break
    }
  }

  /// Keys that mean the same in the stream, errors and correlation lists.
  static func handleCommon(_ key: Key, state: inout AppState) -> Bool {
    switch key {
    case .char("q"): state.quit = true
    case .char("?"), .function(1): state.mode = .help
    case .char(":"), .char("f"):
      state.mode = .filter
      state.filterBeforeEditing = state.appliedFilter
      state.filterEditor.set(state.appliedFilter)
    case .char("/"):
      state.mode = .search
      state.searchEditor.set("")
    case .char("t"):
      state.showErrorsPane.toggle()
      state.errorsFocused = state.showErrorsPane && state.errorsFocused
    case .left, .char("h"): state.horizontalOffset = max(0, state.horizontalOffset - 8)
    case .right, .char("l"): state.horizontalOffset += 8
    case .char("0"): state.horizontalOffset = 0
    case .char("s"): state.showSource.toggle()
    default: return false
    }
    return true
  }

  static func move(_ state: inout AppState, to row: Int, count: Int, height: Int) {
    guard count > 0 else { return }
    let target = min(max(row, 0), count - 1)
    if target != state.stream.selected { state.detailScroll = 0 }
    state.stream.selected = target
    state.stream.clamp(count: count, height: height)
    if target == count - 1 {
      state.follow = true
      state.newWhilePaused = 0
    } else {
      state.follow = false
    }
  }

  /// A page down or up scrolls the view by a screenful, as less does, with the selection on
  /// the same screen row (moving the selection alone showed one new row on the first PgDn).
  static func page(_ state: inout AppState, by rows: Int, count: Int, height: Int) {
    state.stream.top = max(0, state.stream.top + rows)
    move(&state, to: state.stream.selected + rows, count: count, height: height)
  }

  static func resumeFollow(_ state: inout AppState, count: Int, height: Int) {
    state.follow = true
    state.newWhilePaused = 0
    state.stream.selected = count - 1
    state.stream.clamp(count: count, height: height)
  }

  static func jump(
    _ state: inout AppState, data: ViewData, height: Int, forward: Bool,
    where matches: (Level) -> Bool
  ) {
    let count = data.rowCount
    var row = state.stream.selected + (forward ? 1 : -1)
    while row >= 0 && row < count {
      if let level = data.level(row: row), matches(level) {
        reveal(&state, row: row, count: count, height: height)
        return
      }
      row += forward ? 1 : -1
    }
    state.notice = forward ? "no more below" : "no more above"
  }

  // MARK: filter

  static func handleFilterKey(_ key: Key, state: inout AppState, data: ViewData) {
    if key != .tab { state.completions = [] }
    switch key {
    case .tab:
      FilterCompleter.complete(&state, data: data)
    case .escape:
      state.mode = .browse
      state.filterEditor.set(state.filterBeforeEditing)
    case .enter:
      state.mode = .browse
      state.filterEditor.remember(state.filterEditor.text)
    default:
      _ = state.filterEditor.apply(key)
    }
  }
}
