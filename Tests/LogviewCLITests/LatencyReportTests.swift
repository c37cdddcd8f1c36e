import Foundation
import LogviewCore
import LogviewTriage
import Testing

@testable import LogviewPipeline

/// The latency report over samples given directly: HdrHistogram's quantiles against exact
/// ones, the slowest service first, records without a duration, pieces merged, JSON.
@Suite struct LatencyReportTests {
  static let ms: Int64 = 1_000_000

  /// Deterministic values (a linear congruential generator: no seed to keep).
  static func values(_ count: Int, _ shape: (Double) -> Double) -> [Int64] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int64(shape(Double(state >> 11) / Double(1 << 53)).rounded())
    }
  }

  /// (name, durations in nanoseconds): uniform, a long exponential tail, a bimodal mix with
  /// timeouts, one value, nanoseconds to minutes.
  static let distributions: [(String, [Int64])] = [
    ("uniform 1-1000 ms", values(10_000) { (1 + $0 * 999) * 1e6 }),
    ("exponential 50 ms", values(20_000) { -log(1 - $0) * 50e6 }),
    ("bimodal with timeouts", values(5_000) { $0 < 0.97 ? (5 + $0 * 20) * 1e6 : 30e9 }),
    ("one value", [339 * ms]),
    ("ns to minutes", values(3_000) { pow(10, 1 + $0 * 10) }),
    ("few", [1 * ms, 2 * ms, 3 * ms, 400 * ms]),
  ]

  /// The nearest-rank quantile of sorted values: the smallest with at least p% at or below,
  /// the rank rounded as HdrHistogram rounds it (p·n/100 in doubles, p one ulp down, rounded
  /// up: at p99.9 of 3,000 values that is rank 2,998). What may differ is the value only.
  static func exact(_ sorted: [Int64], _ percentile: Double) -> Int64 {
    let rank = Int((percentile.nextDown * Double(sorted.count) / 100).rounded(.up))
    return sorted[max(0, rank - 1)]
  }

  @Test(arguments: distributions.map(\.0))
  func quantilesMatchExactOnesToThreeDigits(_ name: String) throws {
    let values = try #require(Self.distributions.first { $0.0 == name }).1
    var samples = LatencySamples()
    for value in values { samples.append(nanos: value, service: "api") }
    let row = try #require(LatencyReport.rows(samples).services.first)
    let sorted = values.sorted()
    #expect(row.count == values.count)
    for (percentile, got) in zip([50, 90, 99, 99.9], [row.p50, row.p90, row.p99, row.p999]) {
      let want = Self.exact(sorted, percentile)
      // Three significant digits: within a thousandth of the value.
      #expect(abs(got - want) <= max(1, want / 1000), "\(name) p\(percentile): \(got) vs \(want)")
    }
    #expect(row.max == sorted.last)
  }

  /// Pieces merged give what one piece with every value gives.
  @Test func mergedPiecesEqualOne() {
    let values = Self.distributions[1].1
    var whole = LatencySamples()
    var merged = LatencySamples()
    for part in stride(from: 0, to: values.count, by: 3_000) {
      var piece = LatencySamples()
      for value in values[part..<min(part + 3_000, values.count)] {
        piece.append(nanos: value, service: part % 2 == 0 ? "a" : "b")
        whole.append(nanos: value, service: part % 2 == 0 ? "a" : "b")
      }
      piece.append(nanos: nil, service: "a")
      whole.append(nanos: nil, service: "a")
      merged.merge(piece)
    }
    #expect(LatencyReport.rows(merged).services == LatencyReport.rows(whole).services)
    #expect(LatencyReport.rows(merged).all == LatencyReport.rows(whole).all)
    #expect(merged.missing == whole.missing)
  }

  static func sample() -> LatencySamples {
    var samples = LatencySamples()
    for i in 1...100 {
      samples.append(nanos: Int64(i) * ms, service: "fast")
      samples.append(nanos: Int64(i) * 10 * ms, service: "slow")
      samples.append(nanos: i == 100 ? 5_000 * ms : 2 * ms, service: "spiky")
      samples.append(nanos: nil, service: "fast")
    }
    samples.append(nanos: 7 * ms, service: "")
    return samples
  }

  /// Slowest p99 first, then all services; records without a service under their own name.
  @Test func servicesSortedByP99() {
    let rows = LatencyReport.rows(Self.sample())
    #expect(rows.services.map(\.service) == ["slow", "fast", "(no service)", "spiky"])
    #expect(rows.all.service == "all services")
    #expect(rows.all.count == 301)
    #expect(rows.all.max == 5_000 * Self.ms)
    // Three significant digits: 990 ms is counted as 990.38 ms, the top of its bucket.
    let p99 = zip(rows.services.map(\.p99), [990, 99, 7, 2].map { $0 * Self.ms })
    #expect(p99.allSatisfy { got, want in got >= want && got - want <= want / 1000 })
  }

  /// Quantiles to three significant digits, the exact maximum; aligned columns.
  @Test func textTable() {
    let text = LatencyReport(color: false, json: false).renderText(Self.sample())
    #expect(
      text == """
        latency · 301 records with a duration · 100 without
          service       count     p50     p90     p99   p99.9     max
          slow            100  500 ms  900 ms  990 ms     1 s     1 s
          fast            100   50 ms   90 ms   99 ms  100 ms  100 ms
          (no service)      1    7 ms    7 ms    7 ms    7 ms    7 ms
          spiky           100    2 ms    2 ms    2 ms     5 s     5 s
          all services    301   47 ms  710 ms  980 ms     5 s     5 s

        """)
  }

  @Test(arguments: [
    (Int64(990_380_031), Int64(990_000_000)), (2_000_895, 2_000_000), (999_600, 1_000_000),
    (47, 47), (1_234_567, 1_230_000),
  ])
  func threeSignificantDigits(_ nanos: Int64, _ shown: Int64) {
    #expect(LatencyReport.significant(nanos) == shown)
  }

  @Test func missingDurationsAreCountedInTheTitle() {
    var samples = LatencySamples()
    for _ in 0..<3 { samples.append(nanos: nil, service: "api") }
    let text = LatencyReport(color: false, json: false).renderText(samples)
    #expect(
      text
        == "latency · 0 records with a duration · 3 without\n  no matching record has a duration\n")
    let json = LatencyReport(color: false, json: true).renderJSON(samples)
    #expect(json.string == "{\"all\":true,\"count\":0,\"without_duration\":3}\n")
  }

  @Test func jsonObjectPerService() {
    var samples = LatencySamples()
    samples.append(nanos: 12 * Self.ms, service: "api")
    samples.append(nanos: 1_500, service: "db")
    samples.append(nanos: nil, service: "db")
    let lines = LatencyReport(color: false, json: true).renderJSON(samples).string
      .split(separator: "\n").map(String.init)
    #expect(
      lines == [
        #"{"service":"api","count":1,"p50_ms":12,"p90_ms":12,"p99_ms":12,"p99_9_ms":12,"max_ms":12}"#,
        #"{"service":"db","count":1,"p50_ms":0.0015,"p90_ms":0.0015,"p99_ms":0.0015,"p99_9_ms":0.0015,"max_ms":0.0015}"#,
        #"{"all":true,"count":2,"p50_ms":0.0015,"p90_ms":12,"p99_ms":12,"p99_9_ms":12,"max_ms":12,"without_duration":1}"#,
      ])
  }

  @Test(arguments: [
    (Int64(151_000_000), "151"), (12_000, "0.012"), (2_004_500_000, "2004.5"), (0, "0"),
  ])
  func milliseconds(_ nanos: Int64, _ text: String) {
    #expect(LatencyReport.milliseconds(nanos) == text)
  }
}
