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
    let row = try #require(LatencyTable(samples).services.first?.quantiles)
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
    #expect(LatencyTable(merged).services == LatencyTable(whole).services)
    #expect(LatencyTable(merged).all == LatencyTable(whole).all)
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
    let table = LatencyTable(Self.sample())
    #expect(table.services.map(\.name) == ["slow", "fast", "(no service)", "spiky"])
    #expect(table.all?.count == 301)
    #expect(table.all?.max == 5_000 * Self.ms)
    // Three significant digits: 990 ms is counted as 990.38 ms, the top of its bucket.
    let p99 = zip(table.services.map(\.quantiles.p99), [990, 99, 7, 2].map { $0 * Self.ms })
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
    #expect(LatencyTable.significant(nanos) == shown)
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

  // MARK: - Routes

  static func route(_ method: String?, _ path: String) -> LatencyRoute {
    LatencyRoute(method: method, path: Array(path.utf8), field: 0)
  }

  /// Each route's quantiles against the exact ones of its own values; the service's over
  /// all of them.
  @Test(arguments: distributions.map(\.0))
  func routeQuantilesMatchExactOnes(_ name: String) throws {
    let values = try #require(Self.distributions.first { $0.0 == name }).1
    let routes = [Self.route("GET", "/a/<num>"), Self.route("POST", "/a"), Self.route(nil, "/b")]
    var samples = LatencySamples()
    var byRoute: [LatencyRoute: [Int64]] = [:]
    for (i, value) in values.enumerated() {
      let route = routes[(i * 7) % 3]
      samples.append(nanos: value, service: "api", route: route)
      byRoute[route, default: []].append(value)
    }
    let service = try #require(LatencyTable(samples).services.first)
    #expect(service.routes.count == byRoute.count)
    for row in service.routes {
      let sorted = try #require(byRoute[row.route]).sorted()
      let got = row.quantiles
      #expect(got.count == sorted.count && got.max == sorted.last)
      for (percentile, value) in zip([50, 90, 99, 99.9], [got.p50, got.p90, got.p99, got.p999]) {
        let want = Self.exact(sorted, percentile)
        #expect(abs(value - want) <= max(1, want / 1000), "\(row.route.name) p\(percentile)")
      }
    }
    let p99s = service.routes.map(\.quantiles.p99)
    #expect(p99s == p99s.sorted(by: >), "slowest p99 first")
  }

  static func routed() -> LatencySamples {
    var samples = LatencySamples()
    for i in 1...100 {
      samples.append(
        nanos: Int64(i) * 10 * Self.ms, service: "api", route: Self.route("POST", "/v1/orders"))
      samples.append(nanos: 2 * Self.ms, service: "api", route: Self.route("GET", "/healthz"))
      samples.append(nanos: Int64(i) * Self.ms, service: "api")
      samples.append(nanos: 5 * Self.ms, service: "db")
    }
    samples.append(
      nanos: 4_000 * Self.ms, service: "api", route: Self.route("GET", "/v1/orders/<id>"))
    return samples
  }

  /// Routes indented under their service, slowest p99 first; a service without routes has
  /// none; records without a route count in the service only.
  @Test func textTableWithRoutes() {
    let text = LatencyReport(color: false, json: false).renderText(Self.routed())
    #expect(
      text == """
        latency · 401 records with a duration · 0 without
          service                count     p50     p90     p99  p99.9   max
          api                      301   47 ms  710 ms  980 ms    4 s   4 s
            GET /v1/orders/<id>      1     4 s     4 s     4 s    4 s   4 s
            POST /v1/orders        100  500 ms  900 ms  990 ms    1 s   1 s
            GET /healthz           100    2 ms    2 ms    2 ms   2 ms  2 ms
          db                       100    5 ms    5 ms    5 ms   5 ms  5 ms
          all services             401    5 ms  610 ms  970 ms    4 s   4 s

        """)
  }

  /// The busiest routes are listed, slowest first, and a line sums up the rest; past the
  /// routes told apart, the rest are counted together.
  @Test func routesAreCapped() {
    var samples = LatencySamples()
    let count = LatencySamples.routesTracked + 20
    for i in 0..<count {
      // Route i has i % 13 + 1 records.
      for _ in 0...(i % 13) {
        samples.append(
          nanos: Int64(i + 1) * Self.ms, service: "api", route: Self.route("GET", "/r\(i)"))
      }
    }
    let service = LatencyTable(samples).services[0]
    #expect(service.routes.count == LatencySamples.routesTracked)
    #expect(service.otherRoutes?.count == (500..<count).reduce(0) { $0 + $1 % 13 + 1 })
    let busiest = service.busiestRoutes(LatencyReport.routesShown)
    #expect(busiest.rows.count == 10 && busiest.rows.allSatisfy { $0.quantiles.count == 13 })
    #expect(busiest.left == LatencySamples.routesTracked - 10)
    #expect(busiest.leftRecords == samples.count - 130)
    let text = LatencyReport(color: false, json: false).renderText(samples)
    #expect(busiest.leftRecords == 3_510)
    #expect(text.contains("\n    GET /r376      13  377 ms  377 ms  377 ms  377 ms  377 ms\n"))
    #expect(text.contains("\n    … 490 more routes and routes past the first 500, 3,510 records\n"))
    let json = LatencyReport(color: false, json: true).renderJSON(samples).string
    #expect(json.contains(#""other_routes":{"count":\#(service.otherRoutes?.count ?? 0),"#))
  }

  /// A service's routes in its object, the method left out when there is none.
  @Test func jsonRoutes() {
    var samples = LatencySamples()
    samples.append(nanos: 12 * Self.ms, service: "api", route: Self.route("GET", "/v1/orders/<id>"))
    samples.append(nanos: 3 * Self.ms, service: "api", route: Self.route(nil, "/healthz"))
    let lines = LatencyReport(color: false, json: true).renderJSON(samples).string
      .split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == #"{"service":"api","count":2,"p50_ms":3,"p90_ms":12,"p99_ms":12,"p99_9_ms":12,"max_ms":12,"routes":[{"method":"GET","route":"/v1/orders/<id>","count":1,"p50_ms":12,"p90_ms":12,"p99_ms":12,"p99_9_ms":12,"max_ms":12},{"route":"/healthz","count":1,"p50_ms":3,"p90_ms":3,"p99_ms":3,"p99_9_ms":3,"max_ms":3}]}"#
    )
  }
}
