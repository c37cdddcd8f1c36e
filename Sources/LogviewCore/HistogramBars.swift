/// How a `TimeHistogram` reads as text, the same on the explorer's pane and in the headless
/// report: the title, the legend's entries, each bucket's bar stacked by level (most severe
/// first) and the mark each level's part is drawn with.
public enum HistogramBars {
  /// Levels in the order their parts of a bar are drawn, and of the legend.
  public static let order: [Level?] = [.fatal, .error, .warn, .info, .debug, .trace, nil]

  /// "histogram · 5 min buckets (fit) · 48,213 records · 12 without a time, left out"
  public static func title(_ histogram: TimeHistogram, fitted: Bool) -> String {
    var title =
      "histogram · \(widthName(histogram.width)) buckets\(fitted ? " (fit)" : "")"
      + " · \(DigitGrouping.text(histogram.timed)) records"
    if histogram.untimed > 0 {
      title += " · \(DigitGrouping.text(histogram.untimed)) without a time, left out"
    }
    return title
  }

  /// "1 s", "30 s", "5 min", "3 h", "1 day".
  public static func widthName(_ width: Int64) -> String {
    let seconds = width / 1_000_000_000
    if seconds % 86_400 == 0 { return "\(seconds / 86_400) day" }
    if seconds % 3600 == 0 { return "\(seconds / 3600) h" }
    if seconds % 60 == 0 { return "\(seconds / 60) min" }
    return "\(seconds) s"
  }

  /// The legend's entries: each level with records, its name and total ("error 1,204").
  public static func legend(_ histogram: TimeHistogram) -> [(level: Level?, text: String)] {
    order.compactMap { level in
      let count = histogram.count(level: level)
      guard count > 0 else { return nil }
      return (level, "\(level?.name ?? "no level") \(DigitGrouping.text(count))")
    }
  }

  /// One bucket's bar in `width` columns: each level's columns in proportion to the fullest
  /// bucket (a level with any record gets at least one, so a lone error stays visible).
  public static func segments(_ histogram: TimeHistogram, index: Int, width: Int)
    -> [(level: Level?, columns: Int)]
  {
    let peak = max(1, histogram.peak)
    var used = 0
    var parts: [(level: Level?, columns: Int)] = []
    for level in order {
      let count = histogram.count(at: index, level: level)
      guard count > 0, used < width else { continue }
      let columns = min(width - used, max(1, count * width / peak))
      parts.append((level, columns))
      used += columns
    }
    return parts
  }

  /// A level's mark in bars and the legend: a block in the level's color; without colors,
  /// a shade per level (the styles alone would leave most bars alike) and `!` for fatal.
  /// A reversed style (fatal, in color) fills a space, as a reversed block would show nothing.
  public static func mark(_ level: Level?, styles: RecordStyles) -> (
    character: Character, style: Style
  ) {
    let style = styles.levelLabel(level)
    guard !styles.colors else { return (style.reverse ? " " : "█", style) }
    switch level {
    case .fatal: return ("!", style)
    case .error: return ("█", style)
    case .warn: return ("▓", style)
    case .info: return ("▒", style)
    case .debug, .trace: return ("░", style)
    case nil: return ("·", style)
    }
  }
}
