import LogviewCore
import LogviewTriage

/// `--report latency`: per service, how many matching records carry a duration (the one
/// duration reader's keys) and its p50, p90, p99, p99.9 and max from an HdrHistogram (three
/// significant digits), the slowest p99 first, each with its busiest routes under it
/// (`RouteReader`), then all services (`LatencyTable`). The title counts the records with a
/// duration and those without. With `-o json`, one object per service (its routes in it),
/// then one for all of them.
struct LatencyReport {
  /// Routes listed under a service at most (the busiest); the others are summed up in a line.
  static let routesShown = 10
  /// Characters a route's name takes at most.
  static let routeWidth = 60
  static let jsonKeys = ["p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms"]

  let color: Bool
  let json: Bool

  func render(_ samples: LatencySamples) -> [UInt8] {
    json ? renderJSON(samples) : Array(renderText(samples).utf8)
  }

  // MARK: - Text

  /// A line of the table: a name and its quantiles, or a line of text (quantiles nil).
  private struct Line {
    var name: String
    var style: Style
    var quantiles: LatencyTable.Quantiles?
  }

  func renderText(_ samples: LatencySamples) -> String {
    let table = LatencyTable(samples)
    var out = "latency · \(DigitGrouping.text(table.count)) records with a duration"
    out += " · \(DigitGrouping.text(table.missing)) without\n"
    guard let all = table.all else { return out + "  no matching record has a duration\n" }
    let lines = Self.lines(table, all: all, styles: RecordStyles(colors: color))
    let cells = lines.map { $0.quantiles?.texts }
    let titles = ["count"] + LatencyTable.columns
    var widths = titles.map(\.count)
    for row in cells.compactMap({ $0 }) {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    let nameWidth = lines.filter { $0.quantiles != nil }.map(\.name.count).max() ?? 7
    var header = "  " + padded("service", nameWidth)
    for (i, title) in titles.enumerated() {
      header += "  " + String(repeating: " ", count: widths[i] - title.count) + title
    }
    out += styled(header, Style(dim: true)) + "\n"
    for (line, row) in zip(lines, cells) {
      guard let row else {
        out += "  " + styled(line.name, line.style) + "\n"
        continue
      }
      out += "  " + styled(padded(line.name, nameWidth), line.style)
      for (i, cell) in row.enumerated() {
        out += "  " + String(repeating: " ", count: widths[i] - cell.count) + cell
      }
      out += "\n"
    }
    return out
  }

  /// Each service, its busiest routes indented under it and a line for the rest, then all.
  private static func lines(
    _ table: LatencyTable, all: LatencyTable.Quantiles, styles: RecordStyles
  ) -> [Line] {
    var lines: [Line] = []
    for service in table.services {
      lines.append(Line(name: service.name, style: styles.service, quantiles: service.quantiles))
      let routes = service.busiestRoutes(routesShown)
      for row in routes.rows {
        lines.append(
          Line(
            name: "  " + cut(row.route.name, routeWidth), style: Style(), quantiles: row.quantiles))
      }
      if routes.left > 0 || service.otherRoutes != nil {
        let text = moreRoutes(routes.left, untold: service.otherRoutes != nil, routes.leftRecords)
        lines.append(Line(name: text, style: Style(dim: true)))
      }
    }
    lines.append(Line(name: "all services", style: Style(bold: true), quantiles: all))
    return lines
  }

  /// "  … 4 more routes, 37 records"; `untold`: routes past those told apart are among them.
  static func moreRoutes(_ left: Int, untold: Bool, _ records: Int) -> String {
    var text = "  … "
    if left > 0 { text += "\(DigitGrouping.text(left)) more route\(left == 1 ? "" : "s")" }
    if untold {
      text += (left > 0 ? " and " : "") + "routes past the first \(LatencySamples.routesTracked)"
    }
    return text + ", \(DigitGrouping.text(records)) record\(records == 1 ? "" : "s")"
  }

  /// `text` cut to `width` characters, the cut marked with "…".
  static func cut(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  private func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  private func styled(_ text: String, _ style: Style) -> String {
    let sequence = color ? AnsiStyle.sequence(style) : []
    guard !sequence.isEmpty else { return text }
    return String(decoding: sequence, as: UTF8.self) + text + "\u{1B}[0m"
  }

  // MARK: - JSON

  /// `{"service":"payment-service","count":312,"p50_ms":151,...,"max_ms":2004}` per service
  /// (milliseconds to the nanosecond), with `"routes":[{"method":"POST","route":"/v1/orders",
  /// "count":..,...}]` when it has routes (slowest p99 first; `"other_routes":{...}` for those
  /// past the ones told apart), then `{"all":true,"count":..,...,"without_duration":..}`.
  func renderJSON(_ samples: LatencySamples) -> [UInt8] {
    var out: [UInt8] = []
    let table = LatencyTable(samples)
    guard let all = table.all else {
      out.append(
        contentsOf: "{\"all\":true,\"count\":0,\"without_duration\":\(table.missing)}\n".utf8)
      return out
    }
    for service in table.services {
      out.append(contentsOf: #"{"service":"#.utf8)
      JSONStringCodec.appendQuoted(service.service, to: &out)
      append(service.quantiles, to: &out)
      if !service.routes.isEmpty {
        out.append(contentsOf: #","routes":["#.utf8)
        for (i, row) in service.routes.enumerated() {
          out.append(contentsOf: (i == 0 ? "{" : ",{").utf8)
          if let method = row.route.method {
            out.append(contentsOf: #""method":"#.utf8)
            JSONStringCodec.appendQuoted(method, to: &out)
            out.append(UInt8(ascii: ","))
          }
          out.append(contentsOf: #""route":"#.utf8)
          JSONStringCodec.appendQuoted(String(decoding: row.route.path, as: UTF8.self), to: &out)
          append(row.quantiles, to: &out)
          out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
      }
      if let other = service.otherRoutes {
        out.append(contentsOf: #","other_routes":{"#.utf8)
        append(other, to: &out)
        out.append(UInt8(ascii: "}"))
      }
      out.append(contentsOf: "}\n".utf8)
    }
    out.append(contentsOf: #"{"all":true"#.utf8)
    append(all, to: &out)
    out.append(contentsOf: ",\"without_duration\":\(table.missing)}\n".utf8)
    return out
  }

  /// `"count":..,"p50_ms":..`, after a comma unless it opens an object.
  private func append(_ row: LatencyTable.Quantiles, to out: inout [UInt8]) {
    if out.last != UInt8(ascii: "{") { out.append(UInt8(ascii: ",")) }
    out.append(contentsOf: "\"count\":\(row.count)".utf8)
    for (key, nanos) in zip(Self.jsonKeys, row.shown) {
      out.append(contentsOf: ",\"\(key)\":\(Self.milliseconds(nanos))".utf8)
    }
  }

  /// Nanoseconds as exact decimal milliseconds: "151", "0.012", "2004.5".
  static func milliseconds(_ nanos: Int64) -> String {
    let whole = nanos / 1_000_000
    var fraction = String(nanos % 1_000_000)
    guard fraction != "0" else { return "\(whole)" }
    fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
    while fraction.last == "0" { fraction.removeLast() }
    return "\(whole).\(fraction)"
  }
}
