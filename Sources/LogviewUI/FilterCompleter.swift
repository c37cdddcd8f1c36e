import LogviewCore

/// Tab in the filter bar: field paths seen in recent records (nested ones dotted), or after `field=` (or `:`, `!=`,
/// `~`...) the most frequent values of that field.
public enum FilterCompleter {
  /// Recent records examined for names and values.
  static let sampleSize = 2_000
  static let normalizedNames = ["level", "ts", "msg", "rid", "service", "since", "until"]
  static let operators: [String] = ["!=~", "=~", "!=", "<=", ">=", "!~", "=", ":", "~", "<", ">"]

  public static func complete(_ state: inout AppState, data: ViewData) {
    let editor = state.filterEditor
    let chars = Array(editor.text)
    var start = editor.cursor
    while start > 0, chars[start - 1] != " ", chars[start - 1] != "(" { start -= 1 }
    let word = String(chars[start..<editor.cursor])
    let candidates: [String]
    var replaceFrom = start
    if let (field, op, partial) = splitComparison(word) {
      replaceFrom = start + field.count + op.count
      candidates = values(of: field, data: data).filter { $0.hasPrefix(partial) }
    } else {
      candidates = names(data: data).filter { $0.hasPrefix(word) }
    }
    state.completions = Array(candidates.prefix(12))
    guard let first = candidates.first else { return }
    let common = candidates.dropFirst().reduce(first) { prefix, next in
      String(zip(prefix, next).prefix { $0 == $1 }.map(\.0))
    }
    let typed = String(chars[replaceFrom..<editor.cursor])
    guard common.count > typed.count || candidates.count == 1 else { return }
    let needsQuotes =
      candidates.count == 1 && common.contains { $0 == " " || $0 == "(" || $0 == ")" }
    state.filterEditor.replace(from: replaceFrom, with: needsQuotes ? "\"\(common)\"" : common)
    if candidates.count == 1 { state.completions = [] }
  }

  /// "service=pay" -> ("service", "=", "pay").
  static func splitComparison(_ word: String) -> (String, String, String)? {
    for op in operators {
      if let range = word.firstRange(of: op), range.lowerBound != word.startIndex {
        let field = String(word[..<range.lowerBound])
        guard !operators.contains(where: { field.hasSuffix(String($0.prefix(1))) }) else {
          continue
        }
        return (field, op, String(word[range.upperBound...]))
      }
    }
    return nil
  }

  /// Normalized names first, then the field paths of recent records by frequency, nested
  /// ones too (`error.kind`, `http.status`).
  static func names(data: ViewData) -> [String] {
    var counts: [String: Int] = [:]
    forEachSample(data) { record in
      FieldCatalog.forEachPath(of: record) { counts[$0, default: 0] += 1 }
    }
    let seen = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(
      \.key)
    return normalizedNames + seen.filter { !normalizedNames.contains($0) }
  }

  /// The most frequent values of `field` in recent records.
  static func values(of field: String, data: ViewData) -> [String] {
    if field == "level" { return Level.allCases.map(\.name) }
    var counts: [String: Int] = [:]
    let path = FieldPath(field)
    forEachSample(data) { record in
      let value: String?
      switch field {
      case "service": value = record.string(of: .service)
      case "rid", "requestId": value = record.string(of: .requestId)
      case "msg", "message": value = nil
      default: value = record.field(path).map(data.presenter.text(of:))
      }
      if let value, !value.isEmpty, value.count <= 80 { counts[value, default: 0] += 1 }
    }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
  }

  static func forEachSample(_ data: ViewData, _ body: (RecordView) -> Void) {
    let count = data.log.count
    for index in max(0, count - sampleSize)..<count {
      data.withRecord(logIndex: index, body)
    }
  }
}
