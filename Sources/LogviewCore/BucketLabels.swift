/// Bucket start times as the histogram's rows show them (the explorer's pane and the headless
/// report): seconds only for buckets narrower
/// than a minute, and the date when the buckets span more than one day (or are days).
public struct BucketLabels {
  public let histogram: TimeHistogram
  public let zone: TimeZoneRule
  public let showDate: Bool
  public let showTime: Bool
  public let showSeconds: Bool

  public init(histogram: TimeHistogram, zone: TimeZoneRule) {
    self.histogram = histogram
    self.zone = zone
    let day: Int64 = 86_400 * 1_000_000_000
    showTime = histogram.width < day
    showSeconds = histogram.width < 60 * 1_000_000_000
    let first = Self.display(histogram.start(at: 0), zone: zone)
    let last = Self.display(histogram.start(at: max(0, histogram.bucketCount - 1)), zone: zone)
    showDate = !showTime || first.prefix(10) != last.prefix(10)
  }

  /// Columns every label takes.
  public var width: Int { (showDate ? 10 : 0) + (showDate && showTime ? 1 : 0) + timeWidth }

  private var timeWidth: Int { showTime ? (showSeconds ? 8 : 5) : 0 }

  /// "10:42", "10:42:05", "2024-03-15 10:42" or "2024-03-15".
  public func text(at index: Int) -> String {
    let full = Self.display(histogram.start(at: index), zone: zone)
    let date = full.prefix(10)
    let time = full.dropFirst(11).prefix(timeWidth)
    if !showDate { return String(time) }
    return showTime ? "\(date) \(time)" : String(date)
  }

  /// "2024-03-15 10:42:05.000" in the zone.
  public static func display(_ nanos: Int64, zone: TimeZoneRule) -> String {
    var bytes: [UInt8] = []
    TimestampFormatter.appendDisplay(nanos, zone: zone, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
