/// The list that has the keyboard: the stream, the focused errors pane or the correlation
/// view, as rows of log indices. The tools that act on "what I am looking at" (marks, copy,
/// save) read and move it through this, whichever list it is.
enum ActiveList: Equatable {
  case stream
  case errors
  case correlation

  init(_ state: AppState) {
    if state.main == .correlation, state.correlation != nil {
      self = .correlation
    } else if state.errorsFocused, state.showErrorsPane {
      self = .errors
    } else {
      self = .stream
    }
  }

  func count(_ state: AppState, data: ViewData) -> Int {
    switch self {
    case .stream: data.rowCount
    case .errors: data.errorRows.count
    case .correlation: state.correlation?.records.count ?? 0
    }
  }

  func logIndex(row: Int, _ state: AppState, data: ViewData) -> Int {
    switch self {
    case .stream: data.logIndex(row: row)
    case .errors: data.logIndex(row: data.errorRows[row])
    case .correlation: state.correlation?.records[row] ?? -1
    }
  }

  func selectedRow(_ state: AppState) -> Int {
    switch self {
    case .stream: state.stream.selected
    case .errors: state.errors.selected
    case .correlation: state.correlation?.position.selected ?? -1
    }
  }

  /// The log index of the selected record, or nil when the list is empty.
  func selectedLogIndex(_ state: AppState, data: ViewData) -> Int? {
    let row = selectedRow(state)
    guard row >= 0, row < count(state, data: data) else { return nil }
    return logIndex(row: row, state, data: data)
  }

  /// The row showing log record `index`, or nil when this list does not show it.
  func row(ofLogIndex index: Int, _ state: AppState, data: ViewData) -> Int? {
    switch self {
    case .stream:
      guard let row = data.row(nearLogIndex: index), data.logIndex(row: row) == index else {
        return nil
      }
      return row
    case .errors:
      guard let streamRow = ActiveList.stream.row(ofLogIndex: index, state, data: data) else {
        return nil
      }
      let rows = data.errorRows
      var low = 0
      var high = rows.count
      while low < high {
        let mid = (low + high) / 2
        if rows[mid] < streamRow { low = mid + 1 } else { high = mid }
      }
      return low < rows.count && rows[low] == streamRow ? low : nil
    case .correlation:
      return state.correlation?.records.firstIndex(of: index)
    }
  }

  /// Moves the selection to `row` as the list's own keys would (the stream follows the
  /// errors pane's selection).
  func select(row: Int, _ state: inout AppState, data: ViewData, layout: Layout) {
    switch self {
    case .stream:
      Reducer.reveal(&state, row: row, count: data.rowCount, height: layout.listHeight(state))
    case .errors:
      state.errors.selected = row
      state.errors.clamp(count: data.errorRows.count, height: layout.errorsListHeight)
      Reducer.reveal(
        &state, row: data.errorRows[row], count: data.rowCount, height: layout.listHeight(state))
    case .correlation:
      guard var correlation = state.correlation else { return }
      correlation.position.selected = row
      correlation.position.clamp(count: correlation.records.count, height: layout.listHeight(state))
      state.correlation = correlation
    }
  }
}
