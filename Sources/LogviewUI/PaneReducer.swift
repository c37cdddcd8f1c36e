import LogviewCore

/// Keys of the errors pane and the correlation view.
extension Reducer {
  static func handleErrorsKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    if handleCommon(key, state: &state) { return }
    let count = data.errorRows.count
    let height = layout.errorsListHeight
    var target = state.errors.selected
    switch key {
    case .tab, .escape:
      state.errorsFocused = false
      return
    case .enter:
      state.errorsFocused = false
    default:
      guard let moved = listTarget(key, from: target, height: height, count: count) else { return }
      target = moved
    }
    guard count > 0 else { return }
    state.errors.selected = min(max(target, 0), count - 1)
    state.errors.clamp(count: count, height: height)
    // The stream follows the errors pane's selection.
    move(
      &state, to: data.errorRows[state.errors.selected], count: data.rowCount,
      height: layout.listHeight(state))
  }

  static func openCorrelation(_ state: inout AppState, data: ViewData) {
    guard state.stream.selected >= 0, state.stream.selected < data.rowCount else { return }
    let index = data.logIndex(row: state.stream.selected)
    guard let requestId = data.withRecord(logIndex: index, { $0.string(of: .requestId) }) else {
      state.notice = "this record has no request ID"
      return
    }
    let correlation = CorrelationState(
      requestId: requestId, records: data.log.indices(requestId: requestId), data: data)
    showCorrelation(correlation, on: index, state: &state)
  }

  /// Re-reads the correlation's records (new lines with that ID may have arrived).
  public static func refreshCorrelation(_ state: inout AppState, data: ViewData) {
    guard var correlation = state.correlation else { return }
    let records: [Int]
    if var field = correlation.field {
      // Another slice of the scan for an ID field's value.
      let found = field.advance(data)
      correlation.field = field
      state.correlation = correlation
      guard found else { return }
      records = field.records(data)
    } else {
      records = data.log.indices(requestId: correlation.requestId)
    }
    guard records != correlation.records else { return }
    correlation.update(records: records, data: data)
    state.correlation = correlation
  }

  static func handleCorrelationKey(
    _ key: Key, state: inout AppState, data: ViewData, layout: Layout
  ) {
    guard var correlation = state.correlation else {
      state.main = .stream
      return
    }
    let count = correlation.records.count
    let height = layout.listHeight(state)
    var target = correlation.position.selected
    switch key {
    case .char("q"): state.quit = true
    case .char("?"): state.mode = .help
    case .left, .char("h"): state.horizontalOffset = max(0, state.horizontalOffset - 8)
    case .right, .char("l"): state.horizontalOffset += 8
    case .enter:
      state.showDetail.toggle()
    case .tab where state.showDetail:
      focusDetail(&state, data: data, layout: layout)
      return
    case .escape, .char("c"), .char("r"):
      // Back to the stream where it was; Enter-selected record if it is in the view.
      state.main = .stream
      state.correlation = nil
      return
    case .char("b"):
      startBundle(correlation, state: &state)
      return
    case .char("o"):
      // Open the selected record in the stream.
      if target >= 0, target < count, let row = data.row(nearLogIndex: correlation.records[target])
      {
        state.main = .stream
        state.correlation = nil
        move(&state, to: row, count: data.rowCount, height: layout.listHeight(state))
      }
      return
    default:
      target = listTarget(key, from: target, height: height, count: count) ?? target
    }
    if count > 0 {
      correlation.position.selected = min(max(target, 0), count - 1)
      correlation.position.clamp(count: count, height: height)
    }
    state.correlation = correlation
  }

  /// Where a plain list (errors pane, request view) moves its selection for a navigation
  /// key; nil for any other key. The stream has its own rules (following, wheel steps).
  static func listTarget(_ key: Key, from selected: Int, height: Int, count: Int) -> Int? {
    switch key {
    case .down, .char("j"), .wheelDown: selected + 1
    case .up, .char("k"), .wheelUp: selected - 1
    case .pageDown: selected + height
    case .pageUp: selected - height
    case .home, .char("g"): 0
    case .end, .char("G"): count - 1
    default: nil
    }
  }
}
