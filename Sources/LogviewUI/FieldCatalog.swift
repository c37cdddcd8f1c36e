import LogviewCore
import LogviewQuery

/// Field paths seen in records, for Tab completion in the filter bar and its hint about a
/// field no record has. Read from records when asked (a sample: the newest, the oldest and
/// some spread between), never at ingest, so the hot path does not pay for it.
enum FieldCatalog {
  /// Each field path of a record: its own members and, as dotted paths, the members of its
  /// nested objects (`error`, `error.kind`), as deep as the detail pane opens them.
  static func forEachPath(of record: RecordView, _ body: (String) -> Void) {
    record.forEachOwnMember { key, value in
      visit(key.decodedString(), value, depth: 1, body)
    }
  }

  private static func visit(
    _ path: String, _ value: JSONValue, depth: Int, _ body: (String) -> Void
  ) {
    body(path)
    guard value.kind == .object, depth < DetailText.maxDepth else { return }
    value.forEachMember { key, inner in
      visit(path + "." + key.decodedString(), inner, depth: depth + 1, body)
      return true
    }
  }

  /// Records sampled: the newest `edge`, the oldest `edge`, and `spread` evenly between.
  static func sample(first: Int, count: Int, edge: Int = 1_000, spread: Int = 1_000) -> [Int] {
    guard count > first else { return [] }
    if count - first <= 2 * edge + spread { return Array(first..<count) }
    var indices = Array(first..<(first + edge)) + Array((count - edge)..<count)
    let step = (count - first - 2 * edge) / spread
    for i in 0..<spread { indices.append(first + edge + i * step) }
    return indices
  }

  /// The paths of the sampled records.
  static func paths(_ data: ViewData) -> Set<String> {
    var seen: Set<String> = []
    for index in sample(first: data.log.firstKeptIndex, count: data.log.count) {
      data.withRecord(logIndex: index) { record in
        forEachPath(of: record) { seen.insert($0) }
      }
    }
    return seen
  }

  /// "no record has field 'levl'" for the first field `filter` names that no sampled record
  /// has; nil when it names none such or does not parse.
  static func missingFieldHint(_ filter: String, data: ViewData) -> String? {
    guard let query = try? Query.parse(filter) else { return nil }
    let named = query.fieldPaths
    guard !named.isEmpty else { return nil }
    let seen = paths(data)
    return named.first { !seen.contains($0) }.map { "no record has field '\($0)'" }
  }
}
