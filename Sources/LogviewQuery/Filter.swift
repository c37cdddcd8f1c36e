import Glibc
import LogviewCore

/// A compiled filter: a predicate over records. Cheap to copy and safe to use from several
/// threads at once (it holds only immutable data).
public struct Filter: Sendable {
  let root: FilterNode
  /// Byte strings every matching record's raw text contains (see `rejectsByBytes`).
  let requiredLiterals: [SubstringSearch]
  /// Substrings (`field~text`) every matching record's raw text contains, ASCII case aside.
  let requiredSearches: [SubstringSearch]

  /// The filter's regular expressions, whose limit hits `regexLimitHits` sums.
  let regexes: [RegexMatcher]

  init(root: FilterNode) {
    self.root = root
    regexes = root.regexes
    requiredLiterals = root.requiredLiterals.map { SubstringSearch($0, ignoringCase: false) }
    requiredSearches = root.requiredSearches
  }

  /// `rejectsByBytes` can reject something: the filter requires a value or a search.
  public var testsBytes: Bool { !requiredLiterals.isEmpty || !requiredSearches.isEmpty }

  /// A cheap test before parsing: true when the record cannot match because a value the
  /// filter requires verbatim (service=payment, rid=req_1...) is absent from its bytes. A
  /// record with any backslash is never rejected here: JSON escapes could spell the value.
  ///
  /// `field~text` searches reject the same way, with two more exceptions: a '[' (journald
  /// writes a message as an array of byte values) or "@mt" (a Serilog message template,
  /// whose rendering joins text that is apart in the bytes) keeps the record.
  public func rejectsByBytes(_ text: UnsafeRawBufferPointer) -> Bool {
    // Elements are used in place (by index): a copy would retain them, and the threads
    // sharing this filter would contend for those reference counts on every record.
    for i in requiredLiterals.indices where !requiredLiterals[i].occurs(in: text) {
      return !Self.mayEscape(text)
    }
    for i in requiredSearches.indices where !requiredSearches[i].occurs(in: text) {
      return !Self.mayEscape(text) && !Self.mayDerive(text)
    }
    return false
  }

  /// A backslash: JSON escapes could spell what the bytes seem to lack.
  static func mayEscape(_ text: UnsafeRawBufferPointer) -> Bool {
    guard let base = text.baseAddress else { return false }
    return memchr(base, 0x5C, text.count) != nil
  }

  /// A value logview builds from other bytes (byte arrays, message templates).
  static func mayDerive(_ text: UnsafeRawBufferPointer) -> Bool {
    guard let base = text.baseAddress else { return false }
    return memchr(base, 0x5B, text.count) != nil
      || Self.template.occurs(in: text)
  }

  static let template = SubstringSearch("@mt", ignoringCase: false)

  /// The longest byte string every matching record contains, unless it has a backslash (see
  /// `rejectsByBytes`): a scan can jump from one occurrence to the next.
  public var anchor: SubstringSearch? {
    requiredLiterals.max { $0.needle.count < $1.needle.count }
  }

  /// Regex searches stopped by the engine's step or depth limit so far (those records count
  /// as not matching); shared by every copy of this filter.
  public var regexLimitHits: Int { regexes.reduce(0) { $0 + $1.limitHits } }

  /// True when some record may take up to the regex step limit (milliseconds) to decide.
  public var hasRegex: Bool { !regexes.isEmpty }

  /// What to tell the user once searches hit the limit; nil while none has.
  public var regexLimitNote: String? {
    let hits = regexLimitHits
    guard hits > 0 else { return nil }
    let records = hits == 1 ? "1 record" : "\(hits) records"
    return "regex too costly on \(records) (stopped at \(CompiledRegex.matchLimit) steps): "
      + "counted as no match"
  }

  /// The filter that keeps every record.
  public static let all = Filter(root: .constant(true))

  /// Whether `record` passes. Runs per record: allocates nothing unless a regex is involved.
  public func matches(_ record: RecordView) -> Bool { root.matches(record) }

  /// True when the filter keeps everything (an empty query).
  public var matchesEverything: Bool {
    if case .constant(true) = root { return true }
    return false
  }

  /// True when the filter reads nothing but the record's level, so a caller holding only
  /// per-record levels can decide without building the full record.
  public var usesOnlyLevel: Bool { root.usesOnlyLevel }

  /// What evaluating this filter reads from a record.
  public var reads: FilterReads { root.reads }

  /// The request ID when the whole filter is `rid=X` (or `requestId=X`): callers can answer it
  /// from a request-ID index instead of scanning.
  public var requestIdEquals: String? {
    guard case .normalized(.requestId, .compare(.equal, let literal)) = root else { return nil }
    return String(decoding: literal.bytes, as: UTF8.self)
  }
}
