import LogviewCore
import Testing

@testable import LogviewPipeline

/// The histogram report's text and JSON over samples given directly: the bucket width chosen
/// to fit, stacked bars, empty buckets, zones.
@Suite struct HistogramReportTests {
  static let second: Int64 = 1_000_000_000
  /// 2024-03-15T10:00:00Z.
  static let ten: Int64 = 1_710_496_800 * second

  static func samples(_ records: [(seconds: Int64, level: Level?)], untimed: Int = 0)
    -> HistogramSamples
  {
    var samples = HistogramSamples()
    for record in records {
      samples.append(time: ten + record.seconds * second, level: record.level)
    }
    for _ in 0..<untimed { samples.append(time: nil, level: .info) }
    return samples
  }

  static func report(
    zone: TimeZoneRule = .utc, color: Bool = false, json: Bool = false, step: Int? = nil
  ) -> HistogramReport {
    HistogramReport(zone: zone, color: color, json: json, step: step)
  }

  static func lines(_ samples: HistogramSamples, _ report: HistogramReport = report()) -> [String] {
    report.renderText(report.histogram([samples])).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map(String.init)
  }

  /// (span of the records in seconds, width chosen, buckets): the narrowest ladder step
  /// showing the span in at most 60 rows.
  static let fits: [(Int64, String, Int)] = [
    (30, "1 s", 31), (59, "1 s", 60), (60, "5 s", 13), (600, "30 s", 21),
    (2 * 3600, "5 min", 25), (3 * 86_400, "3 h", 25), (200 * 86_400, "1 day", 201),
  ]

  @Test(arguments: fits)
  func bucketWidthFits(span: Int64, width: String, buckets: Int) {
    let report = Self.report()
    let histogram = report.histogram([Self.samples([(0, .info), (span, .info)])])
    #expect(HistogramBars.widthName(histogram.width) == width)
    #expect(histogram.bucketCount == buckets)
  }

  @Test func forcedWidthIsKept() {
    let step = TimeHistogram.ladder.firstIndex(of: 5 * 60 * Self.second)
    let lines = Self.lines(Self.samples([(0, .info), (3600, .info)]), Self.report(step: step))
    #expect(lines[0].hasPrefix("histogram · 5 min buckets · 2 records"))
    #expect(lines.count == 3 + 13)
  }

  /// (records in one bucket, bar in mono): each level's part in proportion to the fullest
  /// bucket, most severe first, at least one column for a level with a record.
  static let bars: [([Level?], String)] = [
    ([.info, .info], String(repeating: "▒", count: 50)),
    (
      [.error] + Array(repeating: .info, count: 9),
      String(repeating: "█", count: 5) + String(repeating: "▒", count: 45)
    ),
    (
      [.fatal, .warn, .debug, .trace, nil],
      String(repeating: "!", count: 10) + String(repeating: "▓", count: 10)
        + String(repeating: "░", count: 20) + String(repeating: "·", count: 10)
    ),
  ]

  @Test(arguments: bars)
  func stackedBars(levels: [Level?], bar: String) {
    let lines = Self.lines(Self.samples(levels.map { (0, $0) }))
    #expect(lines[2] == "10:00:00  \(levels.count) \(bar)")
  }

  @Test func emptyBucketsShowAsZero() {
    let lines = Self.lines(Self.samples([(0, .error), (0, .info), (3, .info)]))
    #expect(
      lines == [
        "histogram · 1 s buckets (fit) · 3 records · 2024-03-15 10:00:00 to 10:00:04 UTC",
        "  █ error 1  ▒ info 2  (a full bar: 2)",
        "10:00:00  2 " + String(repeating: "█", count: 25) + String(repeating: "▒", count: 25),
        "10:00:01  0",
        "10:00:02  0",
        "10:00:03  1 " + String(repeating: "▒", count: 25),
        "",
      ])
  }

  @Test func recordsWithoutTimeAreLeftOutAndSaid() {
    let lines = Self.lines(Self.samples([(0, .info)], untimed: 2))
    #expect(lines[0].contains("1 records · 2 without a time, left out"))
    let none = Self.lines(Self.samples([], untimed: 2))
    #expect(
      none == [
        "histogram · 1 s buckets (fit) · 0 records · 2 without a time, left out",
        "  no matching record has a time", "",
      ])
  }

  /// (zone, first row, span): labels and bucket edges in the zone (hours start at the
  /// zone's half hours, a quarter past in UTC for +05:45), dates shown when the buckets cross midnight there.
  @Test(arguments: [
    ("UTC", "10:00", "2024-03-15 10:00 to 2024-03-16 00:00 UTC"),
    ("Asia/Kathmandu", "2024-03-15 15:30", "2024-03-15 15:30 to 2024-03-16 05:30 Asia/Kathmandu"),
    ("-02:00", "08:00", "2024-03-15 08:00 to 22:00 -02:00"),
  ])
  func zones(name: String, first: String, span: String) throws {
    let zone = try #require(TimeZoneRule(name: name))
    let lines = Self.lines(
      Self.samples([(0, .info), (13 * 3600 + 1800, .warn)]), Self.report(zone: zone))
    #expect(lines[0].hasSuffix(span), "\(lines[0])")
    #expect(lines[2].hasPrefix(first + "  1 ▒"), "\(lines[2])")
  }

  @Test func colorsAreTheLevelColors() {
    let lines = Self.lines(Self.samples([(0, .error), (0, .info)]), Self.report(color: true))
    #expect(lines[1].contains("\u{1B}[1;31m█\u{1B}[0m error 1"))
    #expect(lines[2].contains("\u{1B}[1;31m" + String(repeating: "█", count: 25) + "\u{1B}[0m"))
    #expect(lines[2].contains("\u{1B}[32m" + String(repeating: "█", count: 25) + "\u{1B}[0m"))
  }

  @Test func jsonHasOneObjectPerBucket() {
    let report = Self.report(json: true)
    let text = String(
      decoding: report.render(report.histogram([Self.samples([(0, .error), (2, nil)])])),
      as: UTF8.self)
    #expect(
      text == """
        {"start":"2024-03-15T10:00:00.000Z","seconds":1,"total":1,"levels":{"none":0,"trace":0,"debug":0,"info":0,"warn":0,"error":1,"fatal":0}}
        {"start":"2024-03-15T10:00:01.000Z","seconds":1,"total":0,"levels":{"none":0,"trace":0,"debug":0,"info":0,"warn":0,"error":0,"fatal":0}}
        {"start":"2024-03-15T10:00:02.000Z","seconds":1,"total":1,"levels":{"none":1,"trace":0,"debug":0,"info":0,"warn":0,"error":0,"fatal":0}}

        """)
  }

  /// (pieces as spans of seconds): histograms of pieces counted on several cores and merged
  /// equal one count of everything, also when a piece had widened itself past its capacity.
  static let pieces: [[ClosedRange<Int64>]] = [
    [0...100, 50...400, 1000...1001],
    [0...10, 200_000...200_100],
    [300_000...300_001, 0...5, 150_000...150_002],
  ]

  @Test(arguments: pieces)
  func mergedPiecesEqualOneCount(_ spans: [ClosedRange<Int64>]) {
    var all = HistogramSamples()
    let pieces = spans.enumerated().map { index, span in
      var piece = HistogramSamples()
      for (i, second) in [
        span.lowerBound, span.upperBound, (span.lowerBound + span.upperBound) / 2,
      ]
      .enumerated() {
        let level = Level(rawValue: UInt8((index + i) % 7))
        piece.append(time: Self.ten + second * Self.second, level: level)
        all.append(time: Self.ten + second * Self.second, level: level)
      }
      piece.append(time: nil, level: .info)
      all.append(time: nil, level: .info)
      return piece
    }
    let merged = HistogramSamples.histogram(pieces, step: 0, zone: .utc)
    let whole = HistogramSamples.histogram([all], step: 0, zone: .utc)
    #expect(merged.width == whole.width)
    #expect(merged.bucketCount == whole.bucketCount)
    #expect(
      [merged.timed, merged.untimed, merged.peak] == [whole.timed, whole.untimed, whole.peak])
    for index in 0..<whole.bucketCount {
      for level in HistogramBars.order {
        #expect(merged.count(at: index, level: level) == whole.count(at: index, level: level))
      }
      #expect(merged.total(at: index) == whole.total(at: index))
    }
    for level in HistogramBars.order {
      #expect(merged.count(level: level) == whole.count(level: level))
    }
  }
}
