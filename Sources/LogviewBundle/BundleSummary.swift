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
    for (i, entry) in entries.enumerated() {
      if let time = entry.time {
        start = min(start ?? time, time)
        end = max(end ?? time, time)
      }
      counts[Int(entry.level?.rawValue ?? 0)] += 1
      if firstError == nil, let level = entry.level, level >= .error { firstError = i }
      if !entry.service.isEmpty, !services.contains(entry.service) {
        services.append(entry.service)
      }
      if let duration = entry.duration,
        slowest.flatMap({ entries[$0].duration }).map({ duration > $0 }) ?? true
      {
        slowest = i
      }
    }
  }
}
