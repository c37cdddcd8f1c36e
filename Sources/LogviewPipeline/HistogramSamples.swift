import LogviewCore

/// The time and level of each matching record, as a worker found them, for the histogram
/// report (compact arrays: nine bytes a record; the histogram is built once all are in,
/// when the newest time gives the zone's offset for the bucket edges).
struct HistogramSamples {
  /// Int64.min for a record without a time.
  var times: [Int64] = []
  /// Level.rawValue, 0 without a level.
  var levels: [UInt8] = []

  var count: Int { times.count }

  @inline(__always)
  mutating func append(time: Int64?, level: Level?) {
    times.append(time ?? Int64.min)
    levels.append(level?.rawValue ?? 0)
  }

  mutating func append(contentsOf other: HistogramSamples) {
    times += other.times
    levels += other.levels
  }

  /// The samples counted into a histogram starting at `step`, its edges on the zone's local
  /// hours and midnights (its offset at the newest time).
  func histogram(step: Int, zone: TimeZoneRule) -> TimeHistogram {
    let newest = times.max() ?? Int64.min
    let shift =
      newest == Int64.min ? 0 : Int64(zone.offsetSeconds(atUTC: newest)) * 1_000_000_000
    var histogram = TimeHistogram(step: step, shift: shift)
    for i in times.indices {
      let time = times[i]
      histogram.add(time: time == Int64.min ? nil : time, level: Level(rawValue: levels[i]))
    }
    return histogram
  }
}
