import LogviewCore

/// Draws the whole screen for a state: a pure function of state and data into a CellBuffer.
public struct AppView {
  public var palette: Palette
  public var formatter: RowFormatter

  public init(palette: Palette, zone: TimeZoneRule) {
    self.palette = palette
    self.formatter = RowFormatter(palette: palette, zone: zone)
  }

  public func render(state: AppState, data: ViewData, rate: RateMeter, width: Int, height: Int)
    -> CellBuffer
  {
    var buffer = CellBuffer(width: max(0, width), height: max(0, height))
    let layout = Layout(width: width, height: height, state: state)
    if layout.tooSmall {
      buffer.put("terminal too small", x: 0, y: 0, style: palette.title, maxWidth: width)
      if height > 1 {
        buffer.put(
          "logview needs \(Layout.minimumWidth)x\(Layout.minimumHeight)", x: 0, y: 1,
          style: .plain, maxWidth: width)
      }
      return buffer
    }
    StatusLine.render(
      into: &buffer, rect: layout.status, state: state, data: data, rate: rate, palette: palette)
    let list = RecordList.stream(formatter, state: state)
    let term = state.searchState.term
    var detailIndex: Int?
    if state.main == .histogram {
      HistogramPane(palette: palette).render(
        into: &buffer, rect: layout.main, state: state.histogram, data: data)
    } else if state.main == .latency {
      LatencyPane(palette: palette).render(
        into: &buffer, rect: layout.main, state: state.latency, data: data)
    } else if state.main == .patterns {
      PatternsPane(palette: palette).render(
        into: &buffer, rect: layout.main, state: state.patterns, data: data)
    } else if state.main == .correlation, let correlation = state.correlation {
      CorrelationPane.render(
        into: &buffer, rect: layout.main, correlation: correlation, data: data,
        horizontalOffset: state.horizontalOffset, marks: state.marks, palette: palette,
        dates: state.rows.dates)
      let selected = correlation.position.selected
      if selected >= 0, selected < correlation.records.count {
        detailIndex = correlation.records[selected]
      }
    } else {
      list.render(
        into: &buffer, rect: layout.main, data: data, count: data.rowCount,
        position: state.stream, focused: !state.errorsFocused,
        horizontalOffset: state.horizontalOffset, search: term
      ) { data.logIndex(row: $0) }
      if state.stream.selected >= 0, state.stream.selected < data.rowCount {
        detailIndex = data.logIndex(row: state.stream.selected)
      }
    }
    if let errors = layout.errors {
      if errors.x > 0 {
        for y in errors.y..<(errors.y + errors.height) {
          buffer.put("│", x: errors.x - 1, y: y, style: palette.dim)
        }
      }
      renderErrorsPane(
        into: &buffer, rect: errors, state: state, data: data,
        list: RecordList.errors(formatter, state: state), search: term)
    }
    if let detail = layout.detail {
      DetailPane.render(
        into: &buffer, rect: detail, logIndex: detailIndex, data: data, state: state,
        palette: palette)
    } else {
      // A closed pane lets go of the record's copy (a 20 MB record's is twice that).
      data.detailCache = nil
    }
    BottomBar.render(into: &buffer, rect: layout.bottom, state: state, palette: palette)
    if state.mode == .help {
      HelpOverlay.render(
        into: &buffer, rect: Rect(x: 0, y: 1, width: width, height: height - 2),
        scroll: state.helpScroll, palette: palette)
    }
    return buffer
  }

  func renderErrorsPane(
    into buffer: inout CellBuffer, rect: Rect, state: AppState, data: ViewData, list: RecordList,
    search: SearchTerm?
  ) {
    let title =
      " errors & warnings: \(data.errorRows.count) "
      + (state.errorsFocused ? "(focused) " : "(Tab to focus) ")
    buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: palette.statusBar)
    buffer.put(title, x: rect.x, y: rect.y, style: palette.statusBar, maxWidth: rect.width)
    let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    list.render(
      into: &buffer, rect: body, data: data, count: data.errorRows.count, position: state.errors,
      focused: state.errorsFocused, horizontalOffset: 0, search: search
    ) { data.logIndex(row: data.errorRows[$0]) }
  }
}
