import LogviewCore
import LogviewTriage

/// `--report patterns`: the matching records grouped by message pattern (`PatternMiner`),
/// most records first (or most errors first): per pattern its ID, count, share, a rate line
/// over the input's span, first and last time, levels, services and template. The first
/// `top` are shown (20 unless asked; 0: all) and the rest counted. With `-o json`, one
/// object per pattern (all of them unless `--top` is given).
struct PatternReport {
  static let defaultTop = 20

  let zone: TimeZoneRule
  let color: Bool
  let json: Bool
  let errorsFirst: Bool
  /// Patterns shown at most (0: all); nil: the default.
  let top: Int?

  func render(_ miner: PatternMiner) -> [UInt8] {
    let summary = PatternSummary(miner, errorsFirst: errorsFirst)
    return json ? renderJSON(summary) : Array(renderText(summary).utf8)
  }

  private func shown(_ summary: PatternSummary, limit: Int) -> ArraySlice<PatternStats> {
    limit > 0 ? summary.patterns.prefix(limit) : summary.patterns[...]
  }

  // MARK: - Text

  func renderText(_ summary: PatternSummary) -> String {
    let patterns = summary.patterns.count
    var out = "patterns · \(DigitGrouping.text(summary.records)) records in "
    out += "\(DigitGrouping.text(patterns)) pattern\(patterns == 1 ? "" : "s")"
    if let span = span(summary) { out += " · " + span }
    if errorsFirst { out += " · errors first" }
    out += "\n"
    guard patterns > 0 else { return out + "  no matching record\n" }
    let rows = shown(summary, limit: top ?? Self.defaultTop)
    let dated = needsDates(summary)
    let cells = rows.map { stats in
      (
        count: DigitGrouping.text(stats.count), share: summary.share(stats),
        levels: levelCells(stats), services: PatternSummary.services(stats)
      )
    }
    let countWidth = max(5, cells.map(\.count.count).max() ?? 0)
    let levelsWidth = max(6, cells.map { plainWidth($0.levels) }.max() ?? 0)
    let servicesWidth = max(8, cells.map(\.services.count).max() ?? 0)
    let timeWidth = dated ? 19 : 8
    var header = "  id        " + pad("count", countWidth, right: true) + "   share  "
    header += pad("rate", PatternSummary.rateBuckets) + "  " + pad("first", timeWidth) + "  "
    header += pad("last", timeWidth) + "  " + pad("levels", levelsWidth) + "  "
    header += pad("services", servicesWidth) + "  template"
    out += styled(header, Style(dim: true)) + "\n"
    let styles = RecordStyles(colors: color)
    for (stats, cell) in zip(rows, cells) {
      var line = "  " + stats.idText + "  " + pad(cell.count, countWidth, right: true)
      line += "  " + pad(cell.share, 6, right: true) + "  "
      line += Sparkline.text(summary.rate(stats)) + "  "
      line += styled(pad(time(stats.first, dated: dated), timeWidth), styles.time) + "  "
      line += styled(pad(time(stats.last, dated: dated), timeWidth), styles.time) + "  "
      line += styledLevels(cell.levels, styles: styles)
      line += String(repeating: " ", count: levelsWidth - plainWidth(cell.levels)) + "  "
      line += styled(pad(cell.services, servicesWidth), styles.service) + "  "
      line += TextSanitizer.sanitized(stats.template.string)
      out += line + "\n"
    }
    let more = patterns - rows.count
    if more > 0 {
      out +=
        "  … \(DigitGrouping.text(more)) more pattern\(more == 1 ? "" : "s") (--top 0 shows all)\n"
    }
    if summary.overflow > 0 {
      out += "  \(DigitGrouping.text(summary.overflow)) records of patterns past the first "
      out += "\(DigitGrouping.text(PatternMiner.maxPatterns)) not grouped\n"
    }
    return out
  }

  /// "E 86 W 3 I 400": the pattern's levels, most severe first.
  private func levelCells(_ stats: PatternStats) -> [(level: Level?, text: String)] {
    PatternSummary.levels(stats).map {
      ($0.level, PatternSummary.letter($0.level) + " " + DigitGrouping.text($0.count))
    }
  }

  private func plainWidth(_ cells: [(level: Level?, text: String)]) -> Int {
    cells.reduce(0) { $0 + $1.text.count } + max(0, cells.count - 1)
  }

  private func styledLevels(_ cells: [(level: Level?, text: String)], styles: RecordStyles)
    -> String
  {
    cells.map { styled($0.text, styles.levelLabel($0.level)) }.joined(separator: " ")
  }

  /// "2024-03-15 10:00:01 to 10:29:58 UTC".
  private func span(_ summary: PatternSummary) -> String? {
    guard let first = summary.first, let last = summary.last else { return nil }
    let from = time(first, dated: true)
    var to = time(last, dated: true)
    if to.prefix(10) == from.prefix(10) { to = String(to.dropFirst(11)) }
    return "\(from) to \(to) \(zone.identifier)"
  }

  /// Times carry their date when the records span more than one day in the zone.
  private func needsDates(_ summary: PatternSummary) -> Bool {
    guard let first = summary.first, let last = summary.last else { return false }
    return TimestampFormatter.day(first, zone: zone) != TimestampFormatter.day(last, zone: zone)
  }

  /// "10:00:01" or "2024-03-15 10:00:01"; "-" for none.
  private func time(_ nanos: Int64?, dated: Bool) -> String {
    guard let nanos else { return "-" }
    let text = BucketLabels.display(nanos, zone: zone).prefix(19)
    return String(dated ? text : text.dropFirst(11))
  }

  private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
  }

  private func styled(_ text: String, _ style: Style) -> String {
    let sequence = color ? AnsiStyle.sequence(style) : []
    guard !sequence.isEmpty else { return text }
    return String(decoding: sequence, as: UTF8.self) + text + "\u{1B}[0m"
  }

  // MARK: - JSON

  /// `{"id":"3fa2b1c0","count":538,"share":0.1817,"levels":{"info":538},
  /// "services":{"checkout-api":538},"first":"…Z","last":"…Z","rate":[…],"template":"…"}`.
  func renderJSON(_ summary: PatternSummary) -> [UInt8] {
    var out: [UInt8] = []
    for stats in shown(summary, limit: top ?? 0) {
      out.append(contentsOf: "{\"id\":\"\(stats.idText)\",\"count\":\(stats.count)".utf8)
      out.append(contentsOf: ",\"share\":\(fraction(stats.count, of: summary.records))".utf8)
      out.append(contentsOf: ",\"levels\":{".utf8)
      for (i, entry) in PatternSummary.levels(stats).enumerated() {
        out.append(contentsOf: "\(i == 0 ? "" : ",")\"\(entry.level?.name ?? "none")\":".utf8)
        out.append(contentsOf: "\(entry.count)".utf8)
      }
      out.append(contentsOf: "},\"services\":{".utf8)
      for (i, (name, count)) in zip(stats.services, stats.serviceCounts).enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        name.withUnsafeBytes { JSONStringCodec.appendQuoted($0, to: &out) }
        out.append(contentsOf: ":\(count)".utf8)
      }
      out.append(UInt8(ascii: "}"))
      if stats.otherServices > 0 {
        out.append(contentsOf: ",\"other_services\":\(stats.otherServices)".utf8)
      }
      for (key, time) in [("first", stats.first), ("last", stats.last)] {
        out.append(contentsOf: ",\"\(key)\":".utf8)
        guard let time else {
          out.append(contentsOf: "null".utf8)
          continue
        }
        out.append(UInt8(ascii: "\""))
        TimestampFormatter.appendRFC3339Millis(time, to: &out)
        out.append(UInt8(ascii: "\""))
      }
      let rate = summary.rate(stats).map(String.init).joined(separator: ",")
      out.append(contentsOf: ",\"rate\":[\(rate)],\"template\":".utf8)
      JSONStringCodec.appendQuoted(stats.template.string, to: &out)
      out.append(contentsOf: "}\n".utf8)
    }
    return out
  }

  /// `part / whole` to four decimals: "0.1817", "1", "0".
  private func fraction(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "0" }
    let scaled = (part * 10_000 + whole / 2) / whole
    if scaled == 10_000 { return "1" }
    var digits = String(scaled)
    digits = String(repeating: "0", count: 4 - digits.count) + digits
    while digits.last == "0" { digits.removeLast() }
    return digits.isEmpty ? "0" : "0.\(digits)"
  }
}
