import LogviewCore

/// What the request view's header says of a request's records (times, services, counts per
/// level, the first error). Computed when the records change, not for every frame.
public struct CorrelationSummary: Equatable, Sendable {
  /// Per record, its timestamp.
  public var times: [Int64?] = []
  /// Services in order of first appearance.
  public var services: [String] = []
  /// Records per level code (0: none, then Level.rawValue).
  public var counts = [Int](repeating: 0, count: 7)
  /// Position of the first record at error level or worse.
  public var firstError: Int?
  public var start: Int64?
  public var end: Int64?

  public init() {}

  init(records: [Int], data: ViewData) {
    for (i, index) in records.enumerated() {
      let meta = data.log.record(at: index)
      times.append(meta.timestamp)
      counts[Int(meta.level?.rawValue ?? 0)] += 1
      if firstError == nil, let level = meta.level, level >= .error { firstError = i }
      if let service = data.withRecord(logIndex: index, { data.text(.service, of: $0) }),
        !services.contains(service)
      {
        services.append(service)
      }
    }
    let known = times.compactMap { $0 }
    start = known.min()
    end = known.max()
  }
}
