import LogviewCore
import LogviewTriage

/// `L`: the latency table of the filtered rows (`LatencyTable`, as `--report latency`
/// prints it): per service, slowest p99 first, its routes indented under it, then all
/// services; count, p50, p90, p99, p99.9 and max; the slowest p99 of the services and of the
/// routes in the error style. Filled in as the rows are counted, a slice per frame.
struct LatencyPane {
  var palette: Palette

  static let hints = "↑↓ row  Enter filter to its p99 and slower  Esc/L back  ? help"

  /// A row of the table.
  enum Line: Equatable {
    case service(Int)
    case route(Int, Int)
    /// A service's routes past those told apart, together.
    case otherRoutes(Int)
    case all
  }

  /// Rows of the table in a pane of `height` rows (title and column names above).
  static func tableRows(height: Int) -> Int { max(1, height - 2) }

  /// The table shown: the rows counted so far, counting on for at most a frame's budget.
  static func table(data: ViewData) -> RowLatency {
    data.syncedLatency(budget: RowLatency.frameBudget)
  }

  static func lines(_ table: LatencyTable) -> [Line] {
    guard table.all != nil else { return [] }
    var lines: [Line] = []
    for (s, service) in table.services.enumerated() {
      lines.append(.service(s))
      lines += service.routes.indices.map { .route(s, $0) }
      if service.otherRoutes != nil { lines.append(.otherRoutes(s)) }
    }
    return lines + [.all]
  }

  static func name(_ line: Line, in table: LatencyTable) -> String {
    switch line {
    case .service(let s): table.services[s].name
    case .route(let s, let r): "  " + table.services[s].routes[r].route.name
    case .otherRoutes: "  routes past the first \(LatencySamples.routesTracked)"
    case .all: "all services"
    }
  }

  static func quantiles(_ line: Line, in table: LatencyTable) -> LatencyTable.Quantiles? {
    switch line {
    case .service(let s): table.services[s].quantiles
    case .route(let s, let r): table.services[s].routes[r].quantiles
    case .otherRoutes(let s): table.services[s].otherRoutes
    case .all: table.all
    }
  }

  /// The cursor and the first row shown, kept inside the rows.
  static func position(_ state: ListPosition, count: Int, rows: Int) -> ListPosition {
    var position = state
    position.clamp(count: count, height: rows)
    return position
  }

  func render(into buffer: inout CellBuffer, rect: Rect, state: ListPosition, data: ViewData) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0, rect.width > 0 else { return }
    let latency = Self.table(data: data)
    let table = latency.table
    var title = " latency · \(DigitGrouping.text(table.count)) records with a duration"
    title += " · \(DigitGrouping.text(table.missing)) without "
    if latency.pending {
      title += "· counting \(latency.counted * 100 / max(1, data.rowCount))% "
    }
    buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: palette.statusBar)
    buffer.put(title, x: rect.x, y: rect.y, style: palette.statusBar, maxWidth: rect.width)
    guard rect.height > 1 else { return }
    let lines = Self.lines(table)
    guard !lines.isEmpty else {
      let text = latency.pending ? "  counting…" : "  no record here has a duration"
      buffer.put(text, x: rect.x, y: rect.y + 1, style: palette.dim, maxWidth: rect.width)
      return
    }
    let cells = lines.map { Self.quantiles($0, in: table)?.texts ?? [] }
    var widths = (["count"] + LatencyTable.columns).map(\.count)
    for row in cells {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    let names = lines.map { data.shown(Self.name($0, in: table)) }
    let longest = names.map { DisplayWidth.of($0) }.max() ?? 0
    let nameWidth = max(7, min(longest, rect.width - widths.reduce(0) { $0 + $1 + 2 } - 2))
    header(widths: widths, nameWidth: nameWidth).draw(
      into: &buffer, x: rect.x, y: rect.y + 1, width: rect.width)
    let rows = Self.tableRows(height: rect.height)
    let position = Self.position(state, count: lines.count, rows: rows)
    let slowest = Self.slowest(table)
    for index in position.top..<min(lines.count, position.top + rows) {
      let line = lines[index]
      let selected = index == position.selected
      var row = RowText()
      row.append(selected ? "▸ " : "  ", palette.title)
      row.append(DisplayWidth.padded(names[index], to: nameWidth), style(of: line))
      for (i, cell) in cells[index].enumerated() {
        let isSlowest = i == 3 && (line == slowest.service || line == slowest.route)
        row.append(Self.right("", widths[i] - cell.count))
        row.append(cell, isSlowest ? palette.errorText : .plain)
      }
      let y = rect.y + 2 + index - position.top
      if selected {
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: palette.selection)
      }
      row.draw(
        into: &buffer, x: rect.x, y: y, width: rect.width,
        base: selected ? palette.selection : nil)
    }
  }

  /// The columns' names over them.
  func header(widths: [Int], nameWidth: Int) -> RowText {
    var header = RowText()
    header.append("  " + DisplayWidth.padded("service", to: nameWidth), palette.dim)
    for (i, title) in (["count"] + LatencyTable.columns).enumerated() {
      header.append(Self.right(title, widths[i]), palette.dim)
    }
    return header
  }

  private func style(of line: Line) -> Style {
    switch line {
    case .service: palette.service
    case .route: .plain
    case .otherRoutes: palette.dim
    case .all: palette.title
    }
  }

  /// "  " and `text` right-aligned in `width` columns.
  static func right(_ text: String, _ width: Int) -> String {
    "  " + String(repeating: " ", count: max(0, width - text.count)) + text
  }

  /// The service and the route with the slowest p99 (the first such).
  static func slowest(_ table: LatencyTable) -> (service: Line?, route: Line?) {
    let service: Line? = table.services.isEmpty ? nil : .service(0)
    var route: (line: Line, p99: Int64)?
    for (s, row) in table.services.enumerated() {
      if let first = row.routes.first, first.quantiles.p99 > route?.p99 ?? -1 {
        route = (.route(s, 0), first.quantiles.p99)
      }
    }
    return (service, route?.line)
  }
}
