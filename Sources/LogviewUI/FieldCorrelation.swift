import LogviewCore

/// The request view opened with `c` on an ID field other than the request ID (a user, an
/// order, a span): the records holding the same value in that field. The request-ID index
/// covers request IDs only, so these are found by scanning the log, one slice of records per
/// wake-up (`Reducer.refreshCorrelation`): a 10M-record log never holds up the screen, and
/// the view fills in while the header says how far the scan is.
public struct FieldCorrelation: Equatable, Sendable {
  public var path: String
  public var value: String
  /// Log records before this index are looked at.
  public private(set) var scanned = 0
  /// The matching records, in log order.
  public private(set) var found: [Int] = []
  /// Records per slice: a byte search over each record's text, the few that hold the value
  /// normalized to compare the field (43 ms of CPU in a debug build on the 1M benchmark).
  let slice: Int

  public init(path: String, value: String, slice: Int = 100_000) {
    self.path = path
    self.value = value
    self.slice = max(1, slice)
  }

  public func scanning(_ data: ViewData) -> Bool { scanned < data.log.count }

  /// Looks at the next slice; true when it found records.
  @discardableResult
  mutating func advance(_ data: ViewData) -> Bool {
    let log = data.log
    let start = max(scanned, log.firstKeptIndex)
    let end = min(log.count, start + slice)
    guard start < end else { return false }
    let search = SubstringSearch(value, ignoringCase: false)
    let field = FieldPath(path)
    let before = found.count
    for index in start..<end where log.withText(at: index, { text, _ in search.occurs(in: text) }) {
      let same = data.withRecord(logIndex: index) { record in
        record.field(field).map { $0.decodedString() == value } ?? false
      }
      if same { found.append(index) }
    }
    scanned = end
    return found.count != before
  }

  /// The records found, by time as the request view lists them (untimed ones in log order).
  func records(_ data: ViewData) -> [Int] {
    found.sorted { a, b in
      let ta = data.log.record(at: a).timestamp ?? .min
      let tb = data.log.record(at: b).timestamp ?? .min
      return ta != tb ? ta < tb : a < b
    }
  }

  /// Whether `c` on this field correlates: its name says it is an ID (`userId`, `order_id`,
  /// `traceId`, `span.id`...) or its value looks like one (a UUID, a long hex string), and
  /// the value is a short token without spaces.
  static func isIDLike(path: String, value: String) -> Bool {
    guard !value.isEmpty, value.utf8.count <= 128, !value.utf8.contains(0x20) else {
      return false
    }
    let key = String(path.split(separator: ".").last ?? "")
    let lower = key.lowercased()
    let named =
      lower == "id" || key.hasSuffix("Id") || key.hasSuffix("ID") || lower.hasSuffix("_id")
      || lower.hasSuffix("-id") || lower.hasSuffix("uuid") || path.lowercased().hasSuffix(".id")
      || ["trace", "span", "correlation", "request", "session", "transaction"].contains {
        lower.hasPrefix($0)
      }
    return named || isUUID(value) || isLongHex(value)
  }

  static func isUUID(_ value: String) -> Bool {
    let parts = value.split(separator: "-", omittingEmptySubsequences: false)
    return parts.map(\.count) == [8, 4, 4, 4, 12]
      && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
  }

  static func isLongHex(_ value: String) -> Bool {
    value.count >= 16 && value.allSatisfy(\.isHexDigit)
  }
}

extension Reducer {
  /// `c` on a field of the detail pane: the request view for its value. The record's own
  /// request ID uses the request-ID index; another ID field is scanned for (FieldCorrelation).
  static func pivotCorrelation(_ state: inout AppState, text: DetailText, data: ViewData) {
    guard let entry = text.stopEntry(state.detailCursor.field), text.entries[entry].kind == .value
    else {
      state.notice = "move to a field holding an ID"
      return
    }
    let path = text.path(of: entry)
    let value = text.rawValue(of: entry)
    let requestId = data.withRecord(logIndex: text.logIndex) { $0.string(of: .requestId) }
    var correlation: CorrelationState
    if value == requestId {
      correlation = CorrelationState(
        requestId: value, records: data.log.indices(requestId: value), data: data)
    } else if FieldCorrelation.isIDLike(path: path, value: value) {
      var field = FieldCorrelation(path: path, value: value)
      field.advance(data)
      correlation = CorrelationState(requestId: value, records: field.records(data), data: data)
      correlation.field = field
    } else {
      state.notice = "\(path) is not an ID field: = filters on its value"
      return
    }
    state.detailCursor.focused = false
    showCorrelation(correlation, on: text.logIndex, state: &state)
  }

  /// Opens the request view with `record` selected when it is among the records.
  static func showCorrelation(
    _ correlation: CorrelationState, on record: Int, state: inout AppState
  ) {
    var correlation = correlation
    if let position = correlation.records.firstIndex(of: record) {
      correlation.position.selected = position
    }
    state.correlation = correlation
    state.main = .correlation
  }
}
