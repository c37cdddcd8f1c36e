import LogviewCore

/// The time and level of each matching record, as a worker found them, for the histogram
/// report (compact arrays: nine bytes a record; the histogram is built once all are in,
/// when the newest time gives the zone's offset for the bucket edges, a piece per core).
struct HistogramSamples {
  /// Int64.min for a record without a time.
  var times: [Int64] = []
  /// Level.rawValue, 0 without a level.
  var levels: [UInt8] = []
  /// The newest time among them (Int64.min: none).
  private(set) var newest = Int64.min

  var count: Int { times.count }

  @inline(__always)
  mutating func append(time: Int64?, level: Level?) {
    let time = time ?? Int64.min
    times.append(time)
    levels.append(level?.rawValue ?? 0)
    newest = max(newest, time)
  }

  mutating func append(contentsOf other: HistogramSamples) {
    times += other.times
    levels += other.levels
    newest = max(newest, other.newest)
  }

  /// Pieces' samples counted into one histogram starting at `step`, a piece per core, its
  /// edges on the zone's local hours and midnights (its offset at the newest time).
  static func histogram(_ pieces: [HistogramSamples], step: Int, zone: TimeZoneRule)
    -> TimeHistogram
  {
    let newest = pieces.reduce(Int64.min) { max($0, $1.newest) }
    let shift =
      newest == Int64.min ? 0 : Int64(zone.offsetSeconds(atUTC: newest)) * 1_000_000_000
    let counted = Parallel.map(pieces.count) { pieces[$0].histogram(step: step, shift: shift) }
    var histogram = TimeHistogram(step: step, shift: shift)
    for piece in counted { histogram.merge(piece) }
    return histogram
  }

  private func histogram(step: Int, shift: Int64) -> TimeHistogram {
    var histogram = TimeHistogram(step: step, shift: shift)
    for i in times.indices {
      let time = times[i]
      histogram.add(time: time == Int64.min ? nil : time, level: Level(rawValue: levels[i]))
    }
    return histogram
  }
}
