import Histogram
import LogviewCore

/// The latency table of some samples, shared by `--report latency` and the explorer's pane:
/// per service, the count, p50, p90, p99, p99.9 and max of the durations, the slowest p99
/// first; under each service the same per route, slowest p99 first; then all services.
public struct LatencyTable: Equatable, Sendable {
  /// One row's count and quantiles in nanoseconds, from its HdrHistogram.
  public struct Quantiles: Equatable, Sendable {
    public var count: Int
    public var p50: Int64
    public var p90: Int64
    public var p99: Int64
    public var p999: Int64
    public var max: Int64

    init(_ histogram: Histogram<UInt64>) {
      count = Int(histogram.totalCount)
      func at(_ percentile: Double) -> Int64 { Int64(histogram.valueAtPercentile(percentile)) }
      p50 = at(50)
      p90 = at(90)
      p99 = at(99)
      p999 = at(99.9)
      max = Int64(histogram.maxRecorded)
    }

    /// p50, p90, p99, p99.9 and max as shown: to HdrHistogram's three significant digits (its
    /// value is the top of a bucket: 990 ms is counted as 990.38 ms), never above the exact
    /// maximum.
    public var shown: [Int64] {
      [p50, p90, p99, p999].map { Swift.min(LatencyTable.significant($0), max) } + [max]
    }

    /// The count and the quantiles as the tables show them: "2,061", "151 ms", … "4.866 s".
    public var texts: [String] { [DigitGrouping.text(count)] + shown.map(DurationReader.format) }
  }

  public struct RouteRow: Equatable, Sendable {
    public var route: LatencyRoute
    public var quantiles: Quantiles
  }

  public struct ServiceRow: Equatable, Sendable {
    /// The service as written (controls escaped); "" for records without one.
    public var service: String
    public var quantiles: Quantiles
    /// Its routes, slowest p99 first (then by name).
    public var routes: [RouteRow]
    /// The routes past the ones told apart (`RouteCounts.tracked`), together; nil if none.
    public var otherRoutes: Quantiles?

    /// The service's name as shown.
    public var name: String { service.isEmpty ? LatencyTable.noService : service }

    /// The `limit` busiest routes, slowest p99 first; how many routes are left out (those
    /// past the ones told apart not counted) and their records.
    public func busiestRoutes(_ limit: Int) -> (rows: [RouteRow], left: Int, leftRecords: Int) {
      let byCount = routes.indices.sorted {
        (routes[$1].quantiles.count, $0) < (routes[$0].quantiles.count, $1)
      }
      let left = byCount.dropFirst(limit)
      let records = left.reduce(otherRoutes?.count ?? 0) { $0 + routes[$1].quantiles.count }
      return (byCount.prefix(limit).sorted().map { routes[$0] }, left.count, records)
    }
  }

  /// The name shown for records without a service.
  public static let noService = "(no service)"
  public static let columns = ["p50", "p90", "p99", "p99.9", "max"]

  /// Slowest p99 first (then by name).
  public var services: [ServiceRow]
  /// Every record with a duration; nil when there is none.
  public var all: Quantiles?
  /// Records with a duration, and without.
  public var count: Int
  public var missing: Int

  public init(_ samples: LatencySamples) {
    var all = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    services = []
    for (index, (name, histogram)) in zip(samples.services, samples.histograms).enumerated() {
      all.add(histogram)
      let counts = samples.routes[index]
      var routes = zip(counts.routes, counts.values).map { route, values in
        RouteRow(route: route, quantiles: Quantiles(LatencySamples.histogram(values)))
      }
      routes.sort { ($1.quantiles.p99, $0.route.name) < ($0.quantiles.p99, $1.route.name) }
      services.append(
        ServiceRow(
          service: TextSanitizer.sanitized(String(decoding: name, as: UTF8.self)),
          quantiles: Quantiles(histogram), routes: routes,
          otherRoutes: counts.other.isEmpty
            ? nil : Quantiles(LatencySamples.histogram(counts.other))))
    }
    services.sort { ($1.quantiles.p99, $0.name) < ($0.quantiles.p99, $1.name) }
    count = Int(all.totalCount)
    missing = samples.missing
    self.all = count > 0 ? Quantiles(all) : nil
  }

  /// `nanos` rounded to three significant digits (990_380_031 -> 990_000_000).
  public static func significant(_ nanos: Int64) -> Int64 {
    var scale: Int64 = 1
    while nanos / scale >= 1_000 { scale *= 10 }
    return (nanos + scale / 2) / scale * scale
  }
}
