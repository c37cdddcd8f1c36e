import LogviewCore

/// `--report histogram`: records per time bucket by level, written as the explorer's
/// histogram pane draws them (`HistogramBars`, `BucketLabels`): a title with the span, a
/// legend with each level's total, then one row per bucket from the first record's to the
/// last's (empty ones as 0), its bar stacked by level in the level colors, or without colors
/// in a character per level. With `-o json`, one object per bucket instead.
struct HistogramReport {
  /// Buckets shown at most when the width is chosen to fit.
  static let rows = 60
  /// Columns of the fullest bucket's bar.
  static let barWidth = 50

  let zone: TimeZoneRule
  let color: Bool
  let json: Bool
  /// A forced `TimeHistogram.ladder` step; nil: the narrowest that fits in `rows`.
  let step: Int?

  /// The pieces' samples in buckets of the forced width, or of the narrowest that fits.
  func histogram(_ pieces: [HistogramSamples]) -> TimeHistogram {
    let histogram = HistogramSamples.histogram(pieces, step: step ?? 0, zone: zone)
    guard step == nil else { return histogram }
    return histogram.widened(to: histogram.fittingStep(rows: Self.rows))
  }

  func render(_ histogram: TimeHistogram) -> [UInt8] {
    json ? renderJSON(histogram) : Array(renderText(histogram).utf8)
  }

  // MARK: - Text

  func renderText(_ histogram: TimeHistogram) -> String {
    var out = HistogramBars.title(histogram, fitted: step == nil)
    guard histogram.bucketCount > 0 else {
      return out + "\n  no matching record has a time\n"
    }
    out += " · " + span(histogram) + "\n"
    var legend = HistogramBars.legend(histogram).map { marks($0.level, count: 1) + " " + $0.text }
    legend.append("(a full bar: \(DigitGrouping.text(histogram.peak)))")
    out += "  " + legend.joined(separator: "  ") + "\n"
    let labels = BucketLabels(histogram: histogram, zone: zone)
    let countWidth = DigitGrouping.text(histogram.peak).count
    for index in 0..<histogram.bucketCount {
      let count = DigitGrouping.text(histogram.total(at: index))
      out += styled(labels.text(at: index), RecordStyles(colors: color).time)
      out += "  " + String(repeating: " ", count: countWidth - count.count) + count
      let parts = HistogramBars.segments(histogram, index: index, width: Self.barWidth)
      if !parts.isEmpty { out += " " }
      for part in parts { out += marks(part.level, count: part.columns) }
      out += "\n"
    }
    return out
  }

  /// "2024-03-15 10:10 to 10:26 UTC": the first bucket's start to the last one's end.
  func span(_ histogram: TimeHistogram) -> String {
    let length = histogram.width < 60 * 1_000_000_000 ? 19 : 16
    let from = BucketLabels.display(histogram.start(at: 0), zone: zone).prefix(length)
    var to = BucketLabels.display(histogram.start(at: histogram.bucketCount), zone: zone)
      .prefix(length)
    if to.prefix(10) == from.prefix(10) { to = to.dropFirst(11) }
    return "\(from) to \(to) \(zone.identifier)"
  }

  /// `count` marks of `level`, in its color when colors are on.
  private func marks(_ level: Level?, count: Int) -> String {
    let mark = HistogramBars.mark(level, styles: RecordStyles(colors: color))
    return styled(String(repeating: mark.character, count: count), mark.style)
  }

  private func styled(_ text: String, _ style: Style) -> String {
    let sequence = color ? AnsiStyle.sequence(style) : []
    guard !sequence.isEmpty else { return text }
    return String(decoding: sequence, as: UTF8.self) + text + "\u{1B}[0m"
  }

  // MARK: - JSON

  /// Level keys of a bucket's object, in `Level.rawValue` order after "none".
  static let levelKeys = ["none"] + Level.allCases.map(\.name)

  /// `{"start":"2024-03-15T10:10:00.000Z","seconds":60,"total":202,"levels":{...}}` per bucket.
  func renderJSON(_ histogram: TimeHistogram) -> [UInt8] {
    var out: [UInt8] = []
    let seconds = histogram.width / 1_000_000_000
    for index in 0..<histogram.bucketCount {
      out.append(contentsOf: #"{"start":""#.utf8)
      TimestampFormatter.appendRFC3339Millis(histogram.start(at: index), to: &out)
      out.append(
        contentsOf: "\",\"seconds\":\(seconds),\"total\":\(histogram.total(at: index)),\"levels\":{"
          .utf8)
      for (slot, key) in Self.levelKeys.enumerated() {
        let count = histogram.count(at: index, level: Level(rawValue: UInt8(slot)))
        out.append(contentsOf: "\(slot == 0 ? "" : ",")\"\(key)\":\(count)".utf8)
      }
      out.append(contentsOf: "}}\n".utf8)
    }
    return out
  }
}
