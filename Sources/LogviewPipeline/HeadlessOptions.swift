import LogviewBundle
import LogviewCore
import LogviewQuery
import LogviewSources

/// How headless output is printed.
public enum OutputFormat: String, Sendable {
  /// Time, level, service, message and fields, one line per record (the default).
  case pretty
  /// Each record's bytes exactly as read.
  case raw
  /// One JSON object per record with the normalized fields.
  case normalized
  /// One JSON object per record: its fields as written plus the normalized ones.
  case json
}

/// What a headless run reads, selects and prints.
public struct HeadlessOptions: Sendable {
  public var paths: [String]
  public var matcher: RecordMatcher
  public var normalizer: NormalizerOptions
  public var format: OutputFormat
  public var color: Bool
  public var zone: TimeZoneRule
  /// Print only the number of matching records.
  public var countOnly: Bool
  /// Keep reading files as they grow (like tail -F), waiting for missing ones.
  public var follow: Bool
  /// Opens paths that name log stores.
  public var stores: StoreOpener?
  /// Print a report on the matching records instead of them.
  public var report: HeadlessReport?
  /// `--bundle`: write the request's incident bundle there instead of printing its records,
  /// redacted as `bundleRedaction` says.
  public var bundle: BundleFiles?
  public var bundleRedaction = BundleRedaction.standard
  /// --redact: secrets and personal data masked in what is printed (`SensitiveRedaction`).
  public var redact = false

  public init(
    paths: [String], matcher: RecordMatcher, normalizer: NormalizerOptions, format: OutputFormat,
    color: Bool, zone: TimeZoneRule, countOnly: Bool, follow: Bool, stores: StoreOpener? = nil,
    report: HeadlessReport? = nil
  ) {
    self.paths = paths
    self.matcher = matcher
    self.normalizer = normalizer
    self.format = format
    self.color = color
    self.zone = zone
    self.countOnly = countOnly
    self.follow = follow
    self.stores = stores
    self.report = report
  }
}
