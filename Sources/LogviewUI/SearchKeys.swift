/// The `/` prompt, `n` and `N`, and where a jump puts its target. A search's hits are found
/// off the UI thread (ExplorerController's SearchRunner), so a jump the hits so far cannot
/// decide waits in `searchState.pending` and is taken up again as they come in.
extension Reducer {
  static func handleSearchKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    switch key {
    case .escape: state.mode = .browse
    case .enter:
      state.mode = .browse
      // An empty prompt repeats the last search, as in less and vim.
      let text = state.searchEditor.text.isEmpty ? state.search : state.searchEditor.text
      guard let term = SearchTerm(text) else {
        state.notice = "no search: type a pattern after /"
        return
      }
      state.searchEditor.remember(text)
      if term != state.searchState.term {
        state.searchState = SearchState()
        state.searchState.term = term
      }
      if !term.pattern.isRegex { state.notice = "not a regular expression: searching the text" }
      // From the top of the screen, as less does: a match on screen is found, whichever
      // row is selected (following keeps the selection on the last row).
      guard data.rowCount > 0 else { return }
      let top = min(max(0, state.stream.top), data.rowCount - 1)
      requestHit(
        &state, data: data, height: layout.listHeight(state), forward: true,
        from: data.logIndex(row: top))
    default: _ = state.searchEditor.apply(key)
    }
  }

  /// `n` (forward) and `N`: the next hit after or before the selected record, wrapping
  /// around the ends.
  static func searchAgain(_ state: inout AppState, data: ViewData, height: Int, forward: Bool) {
    guard state.searchState.term != nil else {
      state.notice = "no search: press / to search"
      return
    }
    let selected = state.stream.selected
    guard selected >= 0, selected < data.rowCount else { return }
    let index = data.logIndex(row: selected)
    requestHit(
      &state, data: data, height: height, forward: forward, from: forward ? index + 1 : index - 1)
  }

  static func requestHit(
    _ state: inout AppState, data: ViewData, height: Int, forward: Bool, from: Int
  ) {
    state.searchState.pending = SearchJump(forward: forward, from: from, end: data.log.count)
    resolveSearch(&state, data: data, height: height)
  }

  /// Takes the pending jump once the hits decide it, and brings the bar's count up to date.
  /// Called after each key and each time newer hits or rows come in.
  static func resolveSearch(_ state: inout AppState, data: ViewData, height: Int) {
    guard let hits = data.hits, hits.term == state.search else { return }
    let snapshot = hits.snapshot
    state.searchState.hitCount = snapshot.count
    // Counted once every record the log held is decided; records that arrive later are
    // caught up within moments, and the count does not flicker back to "searching…".
    state.searchState.counted =
      snapshot.complete
      || (snapshot.scanned > 0 && snapshot.decided.lowerBound <= data.log.firstKeptIndex)
    defer {
      let selected = state.stream.selected
      state.searchState.hitNumber =
        selected >= 0 && selected < data.rowCount
        ? hits.number(ofLogIndex: data.logIndex(row: selected)) : nil
    }
    guard let jump = state.searchState.pending else { return }
    switch hits.next(jump, floor: data.log.firstKeptIndex) {
    case .waiting: return
    case .none:
      state.searchState.pending = nil
      say("'\(state.search)' not found", in: &state)
    case .found(let index, let wrapped):
      // The view's rows may lag the hits by a moment (another engine): wait for them.
      guard let row = data.row(nearLogIndex: index), data.logIndex(row: row) == index else {
        return
      }
      state.searchState.pending = nil
      reveal(&state, row: row, count: data.rowCount, height: height)
      if wrapped { say("search wrapped", in: &state) }
    }
  }

  /// After the note the search's Enter left ("not a regular expression"), if any.
  private static func say(_ note: String, in state: inout AppState) {
    state.notice = state.notice.map { "\($0); \(note)" } ?? note
  }

  /// Selects a jump's target (a hit, the next error): a row already on screen is selected
  /// where it is; one off screen comes to the middle, with context after it, as in lnav.
  static func reveal(_ state: inout AppState, row: Int, count: Int, height: Int) {
    let visible = max(1, height)
    if row < state.stream.top || row >= state.stream.top + visible {
      state.stream.top = max(0, row - visible / 2)
    }
    move(&state, to: row, count: count, height: height)
  }
}
