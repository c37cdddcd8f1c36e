import LogviewCore

/// One request's records gathered for an incident bundle (`--request ID --bundle PATH`, `b`
/// in the request view), added in the request's time order: each record's time, level,
/// service, message and duration (the one duration reader's), its texts redacted and their
/// controls escaped, and its raw text redacted. `BundleMarkdown` and `ndjson` write it.
public struct IncidentBundle: Sendable {
  public struct Entry: Sendable, Equatable {
    public var time: Int64?
    public var level: Level?
    public var service: String
    public var message: String
    public var duration: Int64?
    /// The record's text as read (all its lines, no final newline), redacted.
    public var raw: [UInt8]
    /// The raw text is one JSON object on one line: the NDJSON keeps it as it is.
    public var isJSONLine: Bool
  }

  /// What the records share: "request", or the ID field's path (`userId`), and its value.
  public let subject: String
  public let id: String
  public let redaction: BundleRedaction
  public private(set) var entries: [Entry] = []

  public init(subject: String = "request", id: String, redaction: BundleRedaction) {
    self.subject = subject
    self.id = TextSanitizer.sanitized(redaction.apply(id))
    self.redaction = redaction
  }

  public var count: Int { entries.count }

  /// Adds the next record of the request.
  public mutating func add(_ record: RecordView) {
    var raw = redaction.apply(Array(record.text))
    if raw.last == 0x0D { raw.removeLast() }
    entries.append(
      Entry(
        time: record.timestamp, level: record.level, service: shown(.service, of: record),
        message: shown(.message, of: record), duration: DurationReader.nanos(of: record),
        raw: raw, isJSONLine: Self.isJSONLine(raw)))
  }

  /// A normalized text of the record redacted, then made safe to show (controls and
  /// newlines escaped as the explorer shows them): masking first sees the spaces and quotes
  /// that end a secret.
  private func shown(_ field: NormalizedField, of record: RecordView) -> String {
    guard let bytes = record.withText(of: field, { Array($0) }) else { return "" }
    var out: [UInt8] = []
    redaction.apply(bytes).withUnsafeBytes { TextSanitizer.append($0, to: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// One line holding an object: starts with `{` and ends with `}` (blanks aside). A line
  /// read into fields (logfmt, a prefixed line) is not JSON as written.
  static func isJSONLine(_ raw: [UInt8]) -> Bool {
    guard !raw.contains(0x0A) else { return false }
    let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    return raw.first(where: { !blank($0) }) == UInt8(ascii: "{")
      && raw.last(where: { !blank($0) }) == UInt8(ascii: "}")
  }

  /// The raw lines as NDJSON, one record a line: a JSON record as read (redacted), any other
  /// record as `{"text":"..."}` holding its text (all its lines), so that every line parses.
  public func ndjson() -> [UInt8] {
    var out: [UInt8] = []
    for entry in entries {
      if entry.isJSONLine {
        out += entry.raw
      } else {
        out.appendBytes("{\"text\":")
        entry.raw.withUnsafeBytes { JSONStringCodec.appendQuoted($0, to: &out) }
        out.append(UInt8(ascii: "}"))
      }
      out.append(0x0A)
    }
    return out
  }
}
