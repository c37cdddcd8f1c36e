import LogviewCore
import LogviewQuery

/// The last line: the filter bar while editing a filter, the search prompt, or hints with the
/// applied filter and any notice.
public enum BottomBar {
  public static func render(
    into buffer: inout CellBuffer, rect: Rect, state: AppState, palette: Palette
  ) {
    buffer.fill(rect, style: .plain)
    switch state.mode {
    case .filter:
      if !state.completions.isEmpty, rect.y > 0 {
        // Tab's candidates, on the row above the bar.
        let above = Rect(x: rect.x, y: rect.y - 1, width: rect.width, height: 1)
        buffer.fill(above, style: palette.statusBar)
        buffer.put(
          // Field names come from the records: escaped as their text is.
          " Tab: " + TextSanitizer.sanitized(state.completions.joined(separator: "  ")),
          x: above.x, y: above.y,
          style: palette.statusBar, maxWidth: above.width)
      }
      drawPrompt(
        "filter> ", editor: state.filterEditor, buffer: &buffer, rect: rect, state: state,
        palette: palette)
    case .search:
      drawPrompt(
        "/", editor: state.searchEditor, buffer: &buffer, rect: rect, state: state, palette: palette
      )
    case .save:
      drawSavePrompt(into: &buffer, rect: rect, state: state, palette: palette)
    case .time:
      drawPrompt(
        "time> ", editor: state.timeEditor, buffer: &buffer, rect: rect, state: state,
        palette: palette)
    case .browse, .help:
      var row = RowText()
      if let notice = state.notice {
        row.append(MessageText.safe(notice) + "  ", palette.title)
      }
      if !state.appliedFilter.isEmpty {
        row.append("filter: ", palette.dim)
        row.append(state.appliedFilter + "  ", palette.title)
      }
      if let note = filterNote(state) { row.append(note + "  ", palette.errorText) }
      if let term = state.searchState.term, state.main == .stream {
        row.append(term.pattern.isRegex ? "search: " : "search (text): ", palette.dim)
        row.append(MessageText.safe(term.text) + "  ", palette.title)
        row.append(hitNote(state.searchState) + "  ", palette.title)
        if let note = limitNote(term) { row.append(note + "  ", palette.errorText) }
      }
      row.append(hints(state), palette.dim)
      row.draw(into: &buffer, x: rect.x, y: rect.y, width: rect.width)
    }
  }

  /// The filter's error (it echoes the filter's text), or else its warning: worded once for
  /// the bar and the filter prompt.
  static func filterNote(_ state: AppState) -> String? {
    if let error = state.filterError {
      return MessageText.safe("[err: col \(error.column): \(error.message)]")
    }
    return state.filterWarning.map { "[\($0)]" }
  }

  /// The search's count: "hit 3 of 12" on a hit, "12 hits" elsewhere, "searching…" while
  /// a jump waits for its hit or the records are being counted.
  static func hitNote(_ search: SearchState) -> String {
    let count = search.hitCount
    let hits = count == 1 ? "1 hit" : "\(count) hits"
    if search.pending != nil || !search.counted {
      return count == 0 ? "searching…" : "searching… \(hits) so far"
    }
    if let number = search.hitNumber { return "hit \(number) of \(count)" }
    return count == 0 ? "no hits" : hits
  }

  /// Records the search's regex gave up on with no linear-time engine to decide them (a
  /// pattern with lookaround or back references), as the filter says its own.
  static func limitNote(_ term: SearchTerm) -> String? {
    let hits = term.pattern.limitHits
    guard hits > 0 else { return nil }
    return "[regex too costly on \(hits == 1 ? "1 record" : "\(hits) records"): not counted]"
  }

  static func hints(_ state: AppState) -> String {
    if state.detailCursor.focused && state.showDetail {
      return "↑↓ field  = filter on it  ! filter it out  c correlate  x column  Esc back  ? help"
    }
    if state.main == .correlation {
      return "↑↓ move  Enter detail  o open in stream  b bundle  Esc back  ? help  q quit"
    }
    if state.main == .histogram { return HistogramPane.hints }
    if state.main == .latency { return LatencyPane.hints }
    if state.main == .patterns { return PatternsPane.hints }
    if state.errorsFocused { return "↑↓ errors  Tab stream  t hide  ? help" }
    return
      "f filter  / search  Enter detail  c correlate  t errors  e/w next error/warn  ? help  q quit"
  }

  /// `S`: the path prompt, or the question whether to replace an existing file.
  static func drawSavePrompt(
    into buffer: inout CellBuffer, rect: Rect, state: AppState, palette: Palette
  ) {
    let bundle = state.save.kind == .bundle
    if let path = state.save.confirming {
      let question =
        bundle ? "bundle files exist at \(path): replace them?" : "\(path) exists: replace it?"
      buffer.put(
        MessageText.safe(question + " (y/n) "), x: rect.x, y: rect.y, style: palette.title,
        maxWidth: rect.width)
      return
    }
    drawPrompt(
      bundle ? "write bundle to: " : "save view to: ", editor: state.save.editor,
      buffer: &buffer, rect: rect, state: state, palette: palette)
  }

  static func drawPrompt(
    _ prompt: String, editor: LineEditor, buffer: inout CellBuffer, rect: Rect, state: AppState,
    palette: Palette
  ) {
    let x = rect.x + buffer.put(prompt, x: rect.x, y: rect.y, style: palette.title)
    // Error message on the right; the last valid filter stays applied meanwhile.
    var errorWidth = 0
    if state.mode == .filter, let note = filterNote(state) {
      let text = " " + note
      errorWidth = min(DisplayWidth.of(text), max(0, rect.width / 2))
      buffer.put(
        text, x: rect.x + rect.width - errorWidth, y: rect.y, style: palette.errorText,
        maxWidth: errorWidth)
    }
    let room = max(1, rect.width - (x - rect.x) - errorWidth - 1)
    // Scroll the text so the cursor stays visible.
    // Walked back from the cursor, so a pasted megabyte costs what fits, not its square.
    let chars = Array(editor.text)
    var start = editor.cursor
    var before = 0
    while start > 0, before + DisplayWidth.of(chars[start - 1]) < room {
      start -= 1
      before += DisplayWidth.of(chars[start])
    }
    let visible = String(chars[start..<min(chars.count, start + room)])
    buffer.put(visible, x: x, y: rect.y, style: .plain, maxWidth: room)
    let cursorColumn = x + before
    if cursorColumn < rect.x + rect.width {
      buffer.restyle(Rect(x: cursorColumn, y: rect.y, width: 1, height: 1)) { $0.reverse = true }
    }
  }
}
