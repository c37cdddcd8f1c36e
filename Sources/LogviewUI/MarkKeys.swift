/// `m` marks or unmarks the selected record; `u` / `U` go to the next / previous marked
/// record of the list (as in lnav), wrapping around with a note.
extension Reducer {
  static func toggleMark(_ list: ActiveList, state: inout AppState, data: ViewData) {
    guard let index = list.selectedLogIndex(state, data: data) else {
      state.notice = "no record to mark"
      return
    }
    let marked = state.marks.toggle(index)
    state.notice = (marked ? "marked" : "unmarked") + " (\(state.marks.count) marked)"
  }

  /// Marks are few; each is looked up in the list (a binary search in the stream), so this
  /// costs the same on 10M rows as on 10.
  static func jumpToMark(
    _ list: ActiveList, forward: Bool, state: inout AppState, data: ViewData, layout: Layout
  ) {
    guard !state.marks.isEmpty else {
      state.notice = "no marks: m marks the selected record"
      return
    }
    let rows = state.marks.indices.compactMap { list.row(ofLogIndex: $0, state, data: data) }
      .sorted()
    guard let first = rows.first, let last = rows.last else {
      state.notice = "no marked record in this view"
      return
    }
    let selected = list.selectedRow(state)
    var target = forward ? rows.first { $0 > selected } : rows.last { $0 < selected }
    if target == nil {
      target = forward ? first : last
      state.notice = forward ? "wrapped to the first mark" : "wrapped to the last mark"
    }
    if let target { list.select(row: target, &state, data: data, layout: layout) }
  }
}
