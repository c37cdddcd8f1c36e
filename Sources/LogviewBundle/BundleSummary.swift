import LogviewCore

/// What a bundle's summary says of its records: the span, the services in order of first
/// appearance, the records per level, the first error and the slowest step.
struct BundleSummary {
  var start: Int64?
  var end: Int64?
  var services: [String] = []
  /// Records per level code (0: none, then `Level.rawValue`).
  var counts = [Int](repeating: 0, count: 7)
  /// Index of the first record at error level or worse.
  var firstError: Int?
  /// Index of the record with the longest duration (the first of equals).
  var slowest: Int?

  init(_ entries: [IncidentBundle.Entry]) {
    for i in entries.indices {
      if let time = entries[i].time {
        start = min(start ?? time, time)
        end = max(end ?? time, time)
      }
      let level = entries[i].level
      counts[Int(level?.rawValue ?? 0)] += 1
      if firstError == nil, let level, level >= .error { firstError = i }
      if !entries[i].service.isEmpty, !services.contains(entries[i].service) {
        services.append(entries[i].service)
      }
      if let duration = entries[i].duration,
        slowest.flatMap({ entries[$0].duration }).map({ duration > $0 }) ?? true
      {
        slowest = i
      }
    }
  }
}
