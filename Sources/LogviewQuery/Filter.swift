import LogviewCore

/// A compiled filter: a predicate over records. Cheap to copy and safe to use from several
/// threads at once (it holds only immutable data).
public struct Filter: Sendable {
  let root: FilterNode
  /// Byte strings every matching record's raw text contains (see `rejectsByBytes`).
  let requiredLiterals: [[UInt8]]

  init(root: FilterNode) {
    self.root = root
    requiredLiterals = root.requiredLiterals
  }

  /// A cheap test before parsing: true when the record cannot match because a value the
  /// filter requires verbatim (service=payment, rid=req_1...) is absent from its bytes. A
  /// record with any backslash is never rejected here: JSON escapes could spell the value.
  public func rejectsByBytes(_ text: UnsafeRawBufferPointer) -> Bool {
    guard !requiredLiterals.isEmpty else { return false }
    for literal in requiredLiterals {
      let present = literal.withUnsafeBytes { BytePattern.contains(text, $0) }
      if !present {
        let backslash: [UInt8] = [0x5C]
        return !backslash.withUnsafeBytes { BytePattern.contains(text, $0) }
      }
    }
    return false
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
