import LogviewCore

/// An incident bundle as Markdown, to paste into a chat or a ticket: a title with the ID; a
/// summary (span, records per level, services, first error, slowest step); the timeline as
/// a table (offset from the first record, time, service, level, message, duration); the raw
/// lines in a fenced block. Times are shown in `zone`, with the date when the records span
/// more than one day there.
public struct BundleMarkdown {
  let bundle: IncidentBundle
  let zone: TimeZoneRule
  /// The NDJSON file beside it, named in the summary.
  let ndjsonName: String?
  let summary: BundleSummary
  let dated: Bool

  /// Characters of a message shown in a table cell, and in the summary.
  static let cellLimit = 160
  static let summaryLimit = 200
  /// Characters of a service name.
  static let serviceLimit = 40

  public init(_ bundle: IncidentBundle, zone: TimeZoneRule, ndjsonName: String?) {
    self.bundle = bundle
    self.zone = zone
    self.ndjsonName = ndjsonName
    summary = BundleSummary(bundle.entries)
    if let start = summary.start, let end = summary.end {
      dated = TimestampFormatter.day(start, zone: zone) != TimestampFormatter.day(end, zone: zone)
    } else {
      dated = false
    }
  }

  public func render() -> [UInt8] {
    var head = "# Incident bundle: \(bundle.subject) \(MarkdownText.codeSpan(bundle.id))\n\n"
    head += summaryLines().map { "- " + $0 + "\n" }.joined()
    head += "\n## Timeline\n\n"
    head += "| offset | time | service | level | message | duration |\n"
    head += "|---:|---|---|---|---|---:|\n"
    var bytes = Array(head.utf8)
    for i in bundle.entries.indices { bytes += tableRow(bundle.entries[i]).utf8 }
    bytes.appendBytes("\n## Raw lines\n\n")
    appendRawBlock(to: &bytes)
    return bytes
  }

  func summaryLines() -> [String] {
    var lines: [String] = []
    if let start = summary.start, let end = summary.end {
      lines.append(
        "Span: \(display(start, date: true)) to \(display(end, date: dated)) \(zone.identifier)"
          + " (\(DurationReader.format(end - start)))")
    } else {
      lines.append("Span: no record has a time")
    }
    lines.append("Records: \(bundle.count) (\(levelCounts()))")
    let services = summary.services.map { cell($0, limit: Self.serviceLimit) }
    lines.append(
      "Services: " + (services.isEmpty ? "none named" : services.joined(separator: ", ")))
    lines.append("First error: " + (summary.firstError.map { step($0) } ?? "none"))
    if let slowest = summary.slowest, let duration = bundle.entries[slowest].duration {
      lines.append("Slowest step: \(DurationReader.format(duration)), \(step(slowest))")
    } else {
      lines.append("Slowest step: no record has a duration")
    }
    var raw = "Raw lines: below"
    if let ndjsonName { raw += ", and as NDJSON in " + MarkdownText.codeSpan(ndjsonName) }
    raw +=
      bundle.redaction.masks
      ? "; secrets and personal data masked as `[REDACTED:kind]`" : "; not redacted"
    lines.append(raw)
    return lines
  }

  /// "error 2, warn 1, info 3": the most severe first, levels with no record left out.
  func levelCounts() -> String {
    var parts: [String] = []
    for level in Level.allCases.reversed() where summary.counts[Int(level.rawValue)] > 0 {
      parts.append("\(level.name) \(summary.counts[Int(level.rawValue)])")
    }
    if summary.counts[0] > 0 { parts.append("no level \(summary.counts[0])") }
    return parts.joined(separator: ", ")
  }

  /// A record in the summary: "10:12:10.244 (+2.440s) payment-service: message".
  func step(_ index: Int) -> String {
    let entry = bundle.entries[index]
    var text = ""
    if let time = entry.time { text += "\(display(time, date: dated)) (\(offset(time))) " }
    if !entry.service.isEmpty { text += cell(entry.service, limit: Self.serviceLimit) + ": " }
    return text + cell(entry.message, limit: Self.summaryLimit)
  }

  func tableRow(_ entry: IncidentBundle.Entry) -> String {
    let cells = [
      entry.time.map(offset) ?? "",
      entry.time.map { display($0, date: dated) } ?? "",
      cell(entry.service, limit: Self.serviceLimit),
      entry.level.map { $0.name.uppercased() } ?? "",
      cell(entry.message, limit: Self.cellLimit),
      entry.duration.map(DurationReader.format) ?? "",
    ]
    return "| " + cells.joined(separator: " | ") + " |\n"
  }

  /// Every record's raw text, its controls escaped as pretty output shows them (tabs kept),
  /// in a fence no line inside can close.
  func appendRawBlock(to out: inout [UInt8]) {
    var block: [UInt8] = []
    for entry in bundle.entries {
      entry.raw.withUnsafeBytes { raw in
        RecordPresenter.forEachLine(in: raw) { line in
          RecordPresenter.appendLine(line, to: &block)
          block.append(0x0A)
        }
      }
    }
    let fence = Array(MarkdownText.fence(around: block).utf8)
    out += fence
    out.append(0x0A)
    out += block
    out += fence
    out.append(0x0A)
  }

  func cell(_ text: String, limit: Int) -> String {
    MarkdownText.inline(MarkdownText.cut(text, to: limit))
  }

  /// "10:12:07.804", or with `date` "2024-03-15 10:12:07.804", in the zone.
  func display(_ time: Int64, date: Bool) -> String {
    var out: [UInt8] = []
    if date {
      TimestampFormatter.appendDisplay(time, zone: zone, to: &out)
    } else {
      TimestampFormatter.appendTimeOfDay(time, zone: zone, to: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// "+1.234s" after the first record, to the millisecond.
  func offset(_ time: Int64) -> String {
    let millis = (time - (summary.start ?? time) + 500_000) / 1_000_000
    let fraction = String(millis % 1000)
    return "+\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
      + "s"
  }
}
