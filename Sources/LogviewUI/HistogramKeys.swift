import LogviewCore

/// Keys of the histogram view (`i`).
extension Reducer {
  /// Opens the histogram with the cursor on the selected record's bucket (the newest bucket,
  /// following arrivals, while the stream follows).
  static func openHistogram(_ state: inout AppState, data: ViewData) {
    var histogram = HistogramState()
    if !state.follow, state.stream.selected >= 0, state.stream.selected < data.rowCount {
      histogram.cursor = data.log.record(at: data.logIndex(row: state.stream.selected)).timestamp
    }
    state.histogram = histogram
    state.showDetail = false
    state.main = .histogram
  }

  static func handleHistogramKey(
    _ key: Key, state: inout AppState, data: ViewData, layout: Layout
  ) {
    let rows = HistogramPane.bucketRows(height: layout.main.height)
    let histogram = HistogramPane.histogram(state.histogram, data: data, rows: rows)
    switch key {
    case .escape, .char("i"):
      state.main = .stream
    case .char("q"), .char("?"), .function(1), .char(":"), .char("f"):
      _ = handleCommon(key, state: &state)
    case .char("T"):
      openTimePrompt(&state)
    case .char("+"), .char("="):
      zoom(&state, data: data, histogram: histogram, narrower: true)
    case .char("-"), .char("_"):
      zoom(&state, data: data, histogram: histogram, narrower: false)
    case .enter:
      guard histogram.bucketCount > 0 else { return }
      let position = HistogramPane.position(state.histogram, in: histogram, rows: rows)
      let start = histogram.start(at: position.selected)
      state.main = .stream
      jump(&state, data: data, layout: layout, to: start, asked: start)
    default:
      let position = HistogramPane.position(state.histogram, in: histogram, rows: rows)
      guard
        let target = listTarget(
          key, from: position.selected, height: rows, count: histogram.bucketCount)
      else { return }
      moveHistogramCursor(&state, histogram: histogram, to: target, from: position, rows: rows)
    }
  }

  static func moveHistogramCursor(
    _ state: inout AppState, histogram: TimeHistogram, to target: Int, from position: ListPosition,
    rows: Int
  ) {
    let count = histogram.bucketCount
    guard count > 0 else { return }
    var moved = position
    moved.selected = min(max(target, 0), count - 1)
    moved.clamp(count: count, height: rows)
    // On the newest bucket the cursor follows new buckets as records arrive.
    state.histogram.cursor = moved.selected == count - 1 ? nil : histogram.start(at: moved.selected)
    state.histogram.top = histogram.start(at: moved.top)
  }

  /// One step along the ladder, keeping the cursor's time; no narrower than the buckets
  /// counted (the narrowest whose number fits) and no wider than a day.
  static func zoom(
    _ state: inout AppState, data: ViewData, histogram: TimeHistogram, narrower: Bool
  ) {
    let finest = data.syncedRowTimes().histogram.step
    let step = histogram.step + (narrower ? -1 : 1)
    guard step >= finest, step < TimeHistogram.ladder.count else {
      let width = HistogramBars.widthName(histogram.width)
      state.notice = narrower ? "narrowest buckets here: \(width)" : "widest buckets: \(width)"
      return
    }
    state.histogram.step = step
    state.histogram.top = nil
  }
}
