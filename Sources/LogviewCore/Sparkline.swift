/// Counts drawn as a line of block characters (▁ … █), a blank for none: the status line's
/// recent rate and each message pattern's rate over the input.
public enum Sparkline {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// `counts` with `scale` (at least the largest count) drawn as the full block.
  public static func text(_ counts: [Int], scale: Int) -> String {
    let scale = max(1, scale)
    return String(counts.map { $0 <= 0 ? " " : bars[min(7, $0 * 8 / scale)] })
  }

  /// `counts` with the largest drawn as the full block.
  public static func text(_ counts: [Int]) -> String {
    text(counts, scale: counts.max() ?? 1)
  }
}
