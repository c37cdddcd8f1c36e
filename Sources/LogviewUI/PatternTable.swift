import LogviewTriage

/// The patterns pane's rows: the newest miner the `PatternRunner` published, ranked once per
/// publication and order (a frame or a key reads it without sorting again).
public final class PatternTable {
  /// Rows mined of `total`.
  public private(set) var mined = 0
  public private(set) var total = 0
  private var miner = PatternMiner()
  private var version = -1
  private var ranked: (errorsFirst: Bool, summary: PatternSummary)?

  init() {}

  /// Takes a newer publication.
  func update(_ progress: PatternRunner.Progress) {
    guard progress.version != version else { return }
    version = progress.version
    miner = progress.miner
    mined = progress.mined
    total = progress.total
    ranked = nil
  }

  /// The runner has rows handed over that it has not mined yet (set by the controller).
  var pending = false

  /// Still mining: rows handed over are not all mined.
  public var mining: Bool { pending || mined < total }

  public func summary(errorsFirst: Bool) -> PatternSummary {
    if let ranked, ranked.errorsFirst == errorsFirst { return ranked.summary }
    let summary = PatternSummary(miner, errorsFirst: errorsFirst)
    ranked = (errorsFirst, summary)
    return summary
  }

  /// The row of pattern `id` (nil: the first), kept inside the rows.
  func row(of id: UInt32?, errorsFirst: Bool) -> Int {
    let patterns = summary(errorsFirst: errorsFirst).patterns
    guard let id, let row = patterns.firstIndex(where: { $0.id == id }) else { return 0 }
    return row
  }
}
