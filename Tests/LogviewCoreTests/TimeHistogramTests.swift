import Testing

@testable import LogviewCore

/// 2024-03-15T10:00:00Z in nanoseconds.
private let base: Int64 = 1_710_496_800_000_000_000
private let second: Int64 = 1_000_000_000
private let minute: Int64 = 60 * second
private let hour: Int64 = 60 * minute
private let day: Int64 = 24 * hour

private func histogram(
  _ records: [(Int64?, Level?)], step: Int = 0, shift: Int64 = 0, capacity: Int = 1 << 17
) -> TimeHistogram {
  var histogram = TimeHistogram(step: step, shift: shift, capacity: capacity)
  for (time, level) in records { histogram.add(time: time, level: level) }
  return histogram
}

/// Totals of every bucket, earliest first.
private func totals(_ histogram: TimeHistogram) -> [Int] {
  (0..<histogram.bucketCount).map(histogram.total(at:))
}

struct TimeHistogramTests {
  @Test func ladderWidthsDivideEveryWiderOne() {
    let ladder = TimeHistogram.ladder
    #expect(ladder.first == second && ladder.last == day && ladder.count == 13)
    for (i, narrow) in ladder.enumerated() {
      for wide in ladder[i...] { #expect(wide % narrow == 0, "\(wide) / \(narrow)") }
    }
  }

  /// (span of the records, rows on screen, the step chosen).
  static let fits: [(Int64, Int, Int64)] = [
    (10 * second, 20, second),
    (30 * second, 20, 5 * second),
    (10 * minute, 20, 30 * second),
    (10 * minute, 15, minute),
    (10 * minute, 5, 5 * minute),
    (2 * hour, 20, 10 * minute),
    (day, 30, hour),
    (day, 24, hour),
    (day, 20, 3 * hour),
    (30 * day, 20, day),
    // Nothing fits: the widest.
    (400 * day, 20, day),
  ]

  @Test(arguments: fits)
  func chosenStepFitsTheRows(_ span: Int64, _ rows: Int, _ width: Int64) {
    let h = histogram([(base, .info), (base + span - 1, .info)])
    let step = h.fittingStep(rows: rows)
    #expect(TimeHistogram.ladder[step] == width)
    #expect(h.widened(to: step).bucketCount <= rows || width == day)
  }

  @Test func countsPerLevelAndBucket() {
    let h = histogram(
      [
        (base, .info), (base + 10 * second, .error), (base + 59 * second, .info),
        (base + minute, .warn), (base + 3 * minute + 1, nil), (nil, .error), (nil, nil),
      ], step: 4)
    #expect(h.width == minute)
    #expect(h.bucketCount == 4)
    #expect(totals(h) == [3, 1, 0, 1])
    #expect(h.count(at: 0, level: .info) == 2)
    #expect(h.count(at: 0, level: .error) == 1)
    #expect(h.count(at: 1, level: .warn) == 1)
    #expect(h.count(at: 3, level: nil) == 1)
    #expect(h.count(level: .info) == 2)
    #expect(h.timed == 5 && h.untimed == 2 && h.peak == 3)
    #expect(h.start(at: 0) == base && h.start(at: 3) == base + 3 * minute)
    #expect(h.index(of: base + 2 * minute + 5) == 2)
    #expect(h.index(of: base - 1) == -1)
  }

  /// Records arriving one by one give the counts a single pass over them all gives, in
  /// any order, and widening gives what counting at the wider step gives.
  @Test(arguments: [false, true])
  func appendsAndWideningAgreeWithAFreshCount(_ reversed: Bool) {
    var records: [(Int64?, Level?)] = []
    for i in 0..<500 {
      let level = Level(rawValue: UInt8(1 + i % 6))
      records.append((base + Int64(i * i) * 997 * 1_000_000, level))
    }
    if reversed { records.reverse() }
    var incremental = TimeHistogram()
    for (i, record) in records.enumerated() {
      incremental.add(time: record.0, level: record.1)
      if i == 250 { #expect(incremental.timed == 251) }
    }
    let sorted = histogram(records.sorted { $0.0! < $1.0! })
    #expect(incremental == sorted || totals(incremental) == totals(sorted))
    for step in 0..<TimeHistogram.ladder.count where step >= incremental.step {
      let wide = incremental.widened(to: step)
      let direct = histogram(records, step: step)
      #expect(totals(wide) == totals(direct), "step \(step)")
      #expect(wide.peak == direct.peak)
      #expect(wide.start(at: 0) == direct.start(at: 0))
      for level in Level.allCases {
        #expect(wide.count(level: level) == direct.count(level: level))
      }
    }
  }

  /// Past its capacity the histogram widens itself to the narrowest step that holds all.
  @Test func widensPastCapacity() {
    var h = TimeHistogram(capacity: 100)
    h.add(time: base, level: .info)
    h.add(time: base + 99 * second, level: .info)
    #expect(h.step == 0 && h.bucketCount == 100)
    h.add(time: base + 100 * second, level: .error)
    #expect(h.width == 5 * second)
    #expect(h.bucketCount == 21 && h.timed == 3)
    h.add(time: base - hour, level: .warn)
    #expect(h.width == minute)
    #expect(totals(h).reduce(0, +) == 4)
    // Beyond a hundred days nothing fits a hundred buckets: left out.
    h.add(time: base + 1000 * day, level: .info)
    #expect(h.untimed == 1 && h.timed == 4)
  }

  /// Buckets start at local hours and midnights: the shift is the zone's offset.
  @Test func bucketsFollowTheZone() {
    let plus2 = 2 * hour
    let h = histogram([(base + 30 * minute, .info)], step: 12, shift: plus2)
    // 10:30 UTC is 12:30 at +02:00: the day starts at 22:00 UTC the evening before.
    #expect(h.start(at: 0) == base - 10 * hour - plus2)
    let odd = histogram([(base + 30 * minute, .info)], step: 8, shift: 30 * minute)
    #expect(odd.start(at: 0) == base + 30 * minute)
  }

  @Test func emptyAndUntimedOnly() {
    let h = histogram([(nil, .info), (nil, nil)])
    #expect(h.bucketCount == 0 && h.untimed == 2 && h.peak == 0)
    #expect(h.fittingStep(rows: 10) == 0)
    #expect(h.widened(to: 5).bucketCount == 0)
  }
}
