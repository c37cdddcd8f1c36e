/// The parts of a record a filter looks at: lets callers skip parsing a timestamp, or the
/// JSON scan altogether for filters over the raw text only.
public struct FilterReads: OptionSet, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let level = FilterReads(rawValue: 1)
  public static let timestamp = FilterReads(rawValue: 2)
  /// The record's bytes only (bare words, phrases, regular expressions).
  public static let rawText = FilterReads(rawValue: 4)
  /// Normalized text fields or any other field: the JSON object must be scanned.
  public static let fields = FilterReads(rawValue: 8)

  /// True when the filter can be decided from the raw bytes without scanning the record.
  public var onlyRawText: Bool { subtracting(.rawText).isEmpty }
}
