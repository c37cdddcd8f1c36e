import LogviewCore

/// The detail pane's keys: scrolling it (Ctrl-D/Ctrl-U from the stream), and once Tab gives
/// it the keyboard, a cursor over its fields and the pivots from one: `=` and `!` add the
/// field's value to the filter, `c` opens the records sharing an ID, `x` hides or shows the
/// field's column in the rows.
extension Reducer {
  /// The record the detail pane shows: the stream's selection, or the request view's.
  static func detailLogIndex(_ state: AppState, data: ViewData) -> Int? {
    if state.main == .correlation {
      guard let correlation = state.correlation else { return nil }
      let selected = correlation.position.selected
      return selected >= 0 && selected < correlation.records.count
        ? correlation.records[selected] : nil
    }
    let row = state.stream.selected
    return row >= 0 && row < data.rowCount ? data.logIndex(row: row) : nil
  }

  /// The pane's text and the number of text rows under its title.
  static func detailText(_ state: AppState, data: ViewData, layout: Layout) -> (DetailText, Int)? {
    guard let pane = layout.detail, let index = detailLogIndex(state, data: data) else {
      return nil
    }
    return (data.detailText(logIndex: index, width: pane.width - 2), max(1, pane.height - 1))
  }

  /// Tab into the pane: the cursor on the first field in view. Following pauses, so the
  /// record looked at stays while others arrive.
  static func focusDetail(_ state: inout AppState, data: ViewData, layout: Layout) {
    guard let (text, _) = detailText(state, data: data, layout: layout) else { return }
    text.ensure(lines: state.detailScroll + 1)
    state.detailCursor = DetailCursor(
      focused: true, field: text.stop(atOrAfterLine: state.detailScroll) ?? 0)
    state.errorsFocused = false
    state.follow = false
  }

  static func handleDetailKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    guard let (text, height) = detailText(state, data: data, layout: layout) else {
      state.detailCursor.focused = false
      return
    }
    switch key {
    case .down, .char("j"), .wheelDown: moveDetailCursor(&state, text: text, height: height, by: 1)
    case .up, .char("k"), .wheelUp: moveDetailCursor(&state, text: text, height: height, by: -1)
    case .home, .char("g"):
      moveDetailCursor(&state, text: text, height: height, by: -state.detailCursor.field)
    case .pageDown, .ctrl("d"), .char(" "), .ctrl("f"):
      scrollDetail(&state, text: text, height: height, by: max(1, (height + 1) / 2))
    case .pageUp, .ctrl("u"), .ctrl("b"):
      scrollDetail(&state, text: text, height: height, by: -max(1, (height + 1) / 2))
    case .char("="): pivotFilter(&state, text: text, data: data, excluding: false)
    case .char("!"): pivotFilter(&state, text: text, data: data, excluding: true)
    case .char("c"), .char("r"): pivotCorrelation(&state, text: text, data: data)
    case .char("x"): toggleColumn(&state, text: text)
    case .escape: state.detailCursor.focused = false
    case .tab:
      // The cycle: stream, detail, errors pane, stream.
      state.detailCursor.focused = false
      state.errorsFocused = state.showErrorsPane && state.main == .stream
    case .enter:
      state.detailCursor.focused = false
      state.showDetail = false
    default: _ = handleCommon(key, state: &state)
    }
  }

  /// Ctrl-D / Ctrl-U from the stream: half a pane down or up, no further than the record's
  /// last screenful. Wraps only the lines passed, not the record.
  static func scrollDetail(_ state: inout AppState, data: ViewData, layout: Layout, down: Bool) {
    guard let (text, height) = detailText(state, data: data, layout: layout) else { return }
    let step = max(1, (height + 1) / 2)
    scrollDetail(&state, text: text, height: height, by: down ? step : -step)
  }

  static func scrollDetail(_ state: inout AppState, text: DetailText, height: Int, by lines: Int) {
    let target = max(0, state.detailScroll + lines)
    let count = text.ensure(lines: target + height)
    state.detailScroll = min(target, max(0, count - height))
    // The cursor stays on a field in view.
    guard state.detailCursor.focused, let shown = text.cursorLines(state.detailCursor.field),
      shown.upperBound <= state.detailScroll || shown.lowerBound >= state.detailScroll + height,
      let stop = text.stop(atOrAfterLine: state.detailScroll)
    else { return }
    state.detailCursor.field = stop
  }

  /// Moves the cursor `by` fields and scrolls so the field shows (its first line at least).
  static func moveDetailCursor(
    _ state: inout AppState, text: DetailText, height: Int, by fields: Int
  ) {
    guard !text.stops.isEmpty else { return }
    let field = min(max(0, state.detailCursor.field + fields), text.stops.count - 1)
    state.detailCursor.field = field
    let lines = text.lineRange(of: text.stops[field])
    var top = state.detailScroll
    if lines.upperBound > top + height { top = min(lines.lowerBound, lines.upperBound - height) }
    if lines.lowerBound < top { top = lines.lowerBound }
    let count = text.ensure(lines: top + height)
    state.detailScroll = max(0, min(top, count - height))
  }

  /// `=`: the filter gains `field=value`; `!`: `not field=value`. Applied as a typed filter is.
  static func pivotFilter(
    _ state: inout AppState, text: DetailText, data: ViewData, excluding: Bool
  ) {
    guard let entry = text.stopEntry(state.detailCursor.field) else {
      state.notice = "this record has no fields"
      return
    }
    guard text.entries[entry].kind == .value else {
      state.notice = "\(text.path(of: entry)) holds fields: move to one of them"
      return
    }
    let path = text.path(of: entry)
    var value = text.rawValue(of: entry)
    // `level` in a filter is the normalized level: compare with its name, not `50`.
    if path == "level",
      let level = data.withRecord(logIndex: text.logIndex, { $0.level })
    {
      value = level.name
    }
    guard let term = FilterPivot.term(path: path, value: value) else {
      state.notice = "a filter cannot name the field '\(path)'"
      return
    }
    let filter = FilterPivot.adding(excluding ? "not " + term : term, to: state.appliedFilter)
    state.filterEditor.set(filter)
    state.filterEditor.remember(filter)
  }

  /// `x`: hides the field's column in the rows, or shows it again.
  static func toggleColumn(_ state: inout AppState, text: DetailText) {
    guard let entry = text.stopEntry(state.detailCursor.field) else {
      state.notice = "this record has no fields"
      return
    }
    let path = text.path(of: entry)
    let shown = state.columns.toggle(path)
    state.notice = shown ? "\(path) shown in the rows" : "\(path) hidden from the rows"
  }
}
