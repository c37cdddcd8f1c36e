/// `--report NAME`: a summary of the matching records printed instead of the records (text,
/// or with `-o json` one JSON object per line). Each kind reads what it needs of every
/// record on all cores (`RecordWorker`'s tally) and is written once the input has ended.
public struct HeadlessReport: Sendable {
  public enum Kind: String, CaseIterable, Sendable {
    /// Records per time bucket and level as bars (`HistogramReport`).
    case histogram
    /// Duration quantiles per service (`LatencyReport`).
    case latency
    /// Structured-logging practice per service: findings and a score (`LintReport`).
    case lint
    /// Records grouped by message pattern (`PatternReport`).
    case patterns
  }

  public var kind: Kind
  /// `TimeHistogram.ladder` index of a bucket width asked for; nil: the one that fits.
  public var bucketStep: Int?
  /// `--top N`: patterns shown at most (0: all); nil: the report's default.
  public var top: Int?
  /// `--errors-first`: patterns with the most error and fatal records first.
  public var errorsFirst = false

  public init(kind: Kind, bucketStep: Int? = nil) {
    self.kind = kind
    self.bucketStep = bucketStep
  }

  /// "histogram, latency, lint, patterns", for a usage error.
  public static var names: String { Kind.allCases.map(\.rawValue).joined(separator: ", ") }
}
