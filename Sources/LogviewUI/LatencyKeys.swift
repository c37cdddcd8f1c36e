import LogviewCore
import LogviewTriage

/// Keys of the latency pane (`L`).
extension Reducer {
  static func openLatency(_ state: inout AppState) {
    state.latency = ListPosition(selected: 0)
    state.showDetail = false
    state.main = .latency
  }

  static func handleLatencyKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    // The table as the last frame drew it: the cursor moves over the rows on screen.
    let table = data.rowLatency.table
    let lines = LatencyPane.lines(table)
    let rows = LatencyPane.tableRows(height: layout.main.height)
    let position = LatencyPane.position(state.latency, count: lines.count, rows: rows)
    switch key {
    case .escape, .char("L"):
      state.main = .stream
    case .char("q"), .char("?"), .function(1), .char(":"), .char("f"):
      _ = handleCommon(key, state: &state)
    case .enter:
      guard position.selected >= 0 else { return }
      guard let terms = LatencyFilter.terms(lines[position.selected], in: table) else {
        state.notice =
          "routes past the first \(LatencySamples.routesTracked) cannot be filtered apart"
        return
      }
      // Enter on the same row again keeps the filter as it is.
      let applied = state.appliedFilter
      let filter = applied.hasSuffix(terms) ? applied : FilterPivot.adding(terms, to: applied)
      state.filterEditor.set(filter)
      state.filterEditor.remember(filter)
      state.main = .stream
    default:
      guard
        let target = listTarget(key, from: position.selected, height: rows, count: lines.count)
      else { return }
      var moved = position
      moved.selected = target
      moved.clamp(count: lines.count, height: rows)
      state.latency = moved
    }
  }
}
