import Histogram
import LogviewCore

/// The durations of the matching records, as a worker found them, for the latency report:
/// an HdrHistogram per service (nanoseconds, three significant digits) and per route of each
/// service (`RouteReader`), and the records without a duration counted. Pieces scanned on
/// other cores are merged into one.
public struct LatencySamples: Sendable {
  public init() {}

  /// Service names (empty: a record without one), in order of first appearance.
  public private(set) var services: [[UInt8]] = []
  /// How often each duration (nanoseconds) came, per service. Pieces merge these, and
  /// each distinct value is recorded once into the HdrHistogram at the end: the library's
  /// generic `record` and `add` are not specialized across modules (a metadata lookup per
  /// call and per bucket), and durations repeat (whole milliseconds).
  private var values: [[UInt64: UInt64]] = []
  /// Routes told apart per service (`RouteCounts`).
  public static let routesTracked = RouteCounts.tracked
  /// `services[i]`'s routes.
  private(set) var routes: [RouteCounts] = []

  /// `services[i]`'s durations in an HdrHistogram (three significant digits).
  public var histograms: [Histogram<UInt64>] { values.map(Self.histogram) }

  /// Durations counted per distinct value, in an HdrHistogram (three significant digits).
  static func histogram(_ counts: [UInt64: UInt64]) -> Histogram<UInt64> {
    var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    for (value, count) in counts { _ = histogram.record(value, count: count) }
    return histogram
  }
  /// Matching records without a duration.
  public private(set) var missing = 0

  /// Records with a duration.
  public var count: Int { values.reduce(0) { $0 + $1.values.reduce(0) { $0 + Int($1) } } }

  /// A matching record: its duration under its service, or counted as missing.
  @inline(__always)
  public mutating func append(_ record: RecordView) {
    guard let nanos = DurationReader.nanos(of: record) else {
      missing += 1
      return
    }
    let at = record.withText(of: .service) { slot(of: $0) } ?? slot(of: nil)
    add(nanos, at: at)
    if let route = RouteReader.route(of: record) { routes[at].add(UInt64(max(0, nanos)), route) }
  }

  /// A duration under a service given by name, and a route (tests, and `append`).
  public mutating func append(nanos: Int64?, service: String, route: LatencyRoute? = nil) {
    guard let nanos else {
      missing += 1
      return
    }
    let at = Array(service.utf8).withUnsafeBytes { slot(of: $0) }
    add(nanos, at: at)
    if let route { routes[at].add(UInt64(max(0, nanos)), route) }
  }

  public mutating func merge(_ other: LatencySamples) {
    missing += other.missing
    for (name, counts) in zip(other.services, other.values) {
      let at = name.withUnsafeBytes { slot(of: $0) }
      values[at].merge(counts, uniquingKeysWith: +)
    }
    for (name, counts) in zip(other.services, other.routes) {
      let at = name.withUnsafeBytes { slot(of: $0) }
      routes[at].merge(counts)
    }
  }

  private mutating func add(_ nanos: Int64, at index: Int) {
    values[index][UInt64(max(0, nanos)), default: 0] += 1
  }

  /// The slot of a service's histogram, made on its first record. A log has few services:
  /// a linear search over their bytes, no allocation per record.
  private mutating func slot(of name: UnsafeRawBufferPointer?) -> Int {
    let name = name ?? UnsafeRawBufferPointer(start: nil, count: 0)
    for i in services.indices where services[i].count == name.count {
      if services[i].withUnsafeBytes({ $0.elementsEqual(name) }) { return i }
    }
    services.append(Array(name))
    values.append([:])
    routes.append(RouteCounts())
    return services.count - 1
  }
}

/// The durations of one service's routes, counted as the service's are. At most
/// `RouteCounts.tracked` routes are told apart (the first met): a path with an ID the
/// folding misses would otherwise make a route per record; the rest are counted together.
struct RouteCounts: Sendable {
  static let tracked = 500

  private(set) var routes: [LatencyRoute] = []
  private(set) var values: [[UInt64: UInt64]] = []
  /// Durations of the routes past the tracked ones.
  private(set) var other: [UInt64: UInt64] = [:]
  /// Route to its place in `routes`.
  private var index: [LatencyRoute: Int] = [:]

  mutating func add(_ nanos: UInt64, _ route: LatencyRoute, count: UInt64 = 1) {
    if let at = index[route] {
      values[at][nanos, default: 0] += count
    } else if routes.count < Self.tracked {
      index[route] = routes.count
      routes.append(route)
      values.append([nanos: count])
    } else {
      other[nanos, default: 0] += count
    }
  }

  mutating func merge(_ more: RouteCounts) {
    for (route, counts) in zip(more.routes, more.values) {
      if let at = index[route] {
        values[at].merge(counts, uniquingKeysWith: +)
      } else if routes.count < Self.tracked {
        index[route] = routes.count
        routes.append(route)
        values.append(counts)
      } else {
        other.merge(counts, uniquingKeysWith: +)
      }
    }
    other.merge(more.other, uniquingKeysWith: +)
  }
}
