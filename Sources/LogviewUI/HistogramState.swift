/// The histogram view's place: its zoom, the bucket under the cursor and the first bucket
/// shown, as times, so they stay on the same buckets while records arrive and across zooms.
public struct HistogramState: Equatable, Sendable {
  /// Index into TimeHistogram.ladder of the bucket width; nil: the narrowest that fits.
  public var step: Int?
  /// A time in the bucket under the cursor; nil: the newest bucket (it follows arrivals).
  public var cursor: Int64?
  /// A time in the first bucket shown; nil: scrolled so the cursor shows.
  public var top: Int64?

  public init(step: Int? = nil, cursor: Int64? = nil, top: Int64? = nil) {
    self.step = step
    self.cursor = cursor
    self.top = top
  }
}
