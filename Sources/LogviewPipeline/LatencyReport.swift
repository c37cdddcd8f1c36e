import Histogram
import LogviewCore
import LogviewTriage

/// `--report latency`: per service, how many matching records carry a duration (the one
/// duration reader's keys) and its p50, p90, p99, p99.9 and max from an HdrHistogram (three
/// significant digits), the slowest p99 first, then all services together. The title counts
/// the records with a duration and those without. With `-o json`, one object per service,
/// then one for all of them.
struct LatencyReport {
  /// One row: a service's quantiles in nanoseconds.
  struct Row: Equatable {
    var service: String
    var count: Int
    var p50: Int64
    var p90: Int64
    var p99: Int64
    var p999: Int64
    var max: Int64

    init(service: String, _ histogram: Histogram<UInt64>) {
      self.service = service
      count = Int(histogram.totalCount)
      func at(_ percentile: Double) -> Int64 { Int64(histogram.valueAtPercentile(percentile)) }
      p50 = at(50)
      p90 = at(90)
      p99 = at(99)
      p999 = at(99.9)
      max = Int64(histogram.maxRecorded)
    }

    /// The quantiles as shown, to HdrHistogram's three significant digits (its value is the
    /// top of a bucket: 990 ms is counted as 990.38 ms) and never above the exact maximum.
    var shown: [Int64] {
      [p50, p90, p99, p999].map { Swift.min(LatencyReport.significant($0), max) } + [max]
    }
  }

  /// `nanos` rounded to three significant digits (990_380_031 -> 990_000_000).
  static func significant(_ nanos: Int64) -> Int64 {
    var scale: Int64 = 1
    while nanos / scale >= 1_000 { scale *= 10 }
    return (nanos + scale / 2) / scale * scale
  }

  static let columns = ["p50", "p90", "p99", "p99.9", "max"]
  static let jsonKeys = ["p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms"]
  /// The name shown for records without a service.
  static let noService = "(no service)"

  let color: Bool
  let json: Bool

  /// The services' rows, slowest p99 first (then by name), and the row of all of them.
  static func rows(_ samples: LatencySamples) -> (services: [Row], all: Row) {
    var all = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    var rows: [Row] = []
    for (name, histogram) in zip(samples.services, samples.histograms) {
      all.add(histogram)
      let service = name.isEmpty ? noService : TextSanitizer.sanitized(name.string)
      rows.append(Row(service: service, histogram))
    }
    rows.sort { ($1.p99, $0.service) < ($0.p99, $1.service) }
    return (rows, Row(service: "all services", all))
  }

  func render(_ samples: LatencySamples) -> [UInt8] {
    json ? renderJSON(samples) : Array(renderText(samples).utf8)
  }

  // MARK: - Text

  func renderText(_ samples: LatencySamples) -> String {
    let counted = samples.count
    var out = "latency · \(DigitGrouping.text(counted)) records with a duration"
    out += " · \(DigitGrouping.text(samples.missing)) without\n"
    guard counted > 0 else { return out + "  no matching record has a duration\n" }
    let (services, all) = Self.rows(samples)
    let nameWidth = (services.map(\.service.count) + [all.service.count, 7]).max() ?? 7
    let table = services + [all]
    let cells = table.map { row in
      [DigitGrouping.text(row.count)] + row.shown.map(DurationReader.format)
    }
    var widths = (["count"] + Self.columns).map(\.count)
    for row in cells {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    var header = "  " + padded("service", nameWidth)
    for (i, title) in (["count"] + Self.columns).enumerated() {
      header += "  " + String(repeating: " ", count: widths[i] - title.count) + title
    }
    out += styled(header, Style(dim: true)) + "\n"
    let styles = RecordStyles(colors: color)
    for (index, row) in table.enumerated() {
      let isAll = index == table.count - 1
      out +=
        "  " + styled(padded(row.service, nameWidth), isAll ? Style(bold: true) : styles.service)
      for (i, cell) in cells[index].enumerated() {
        out += "  " + String(repeating: " ", count: widths[i] - cell.count) + cell
      }
      out += "\n"
    }
    return out
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
  /// (milliseconds to the nanosecond), then `{"all":true,"count":..,"without_duration":..,...}`.
  func renderJSON(_ samples: LatencySamples) -> [UInt8] {
    var out: [UInt8] = []
    guard samples.count > 0 else {
      out.append(
        contentsOf: "{\"all\":true,\"count\":0,\"without_duration\":\(samples.missing)}\n".utf8)
      return out
    }
    let (services, all) = Self.rows(samples)
    for row in services {
      out.append(contentsOf: #"{"service":"#.utf8)
      JSONStringCodec.appendQuoted(row.service == Self.noService ? "" : row.service, to: &out)
      append(row, to: &out)
      out.append(contentsOf: "}\n".utf8)
    }
    out.append(contentsOf: #"{"all":true"#.utf8)
    append(all, to: &out)
    out.append(contentsOf: ",\"without_duration\":\(samples.missing)}\n".utf8)
    return out
  }

  private func append(_ row: Row, to out: inout [UInt8]) {
    out.append(contentsOf: ",\"count\":\(row.count)".utf8)
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
