import LogviewCore

/// What finds secrets and personal data in a record, for the lint's `sensitive-data` rule:
/// it names each kind found (`secret-field`, `email`, `card` ...) once per record. The lint only
/// counts what it is told; `LintInputs.standard` says which finder runs.
public protocol SensitiveFindings: Sendable {
  func kinds(in record: RecordView, _ found: (String) -> Void)
  /// True when the kinds depend on the message alone: they are then found once per
  /// distinct message (messages repeat), not per record.
  var readsMessageOnly: Bool { get }
}

extension SensitiveFindings {
  public var readsMessageOnly: Bool { false }
}

/// What `SensitiveScan` finds in the record's bytes, each kind named once per record: the
/// same scanner as `has:secret`, `has:pii`, `--redact` and the explorer's gutter flags.
public struct ScannedFindings: SensitiveFindings {
  public init() {}

  public func kinds(in record: RecordView, _ found: (String) -> Void) {
    var seen: UInt32 = 0
    var scan = SensitiveScan(record.text)
    while let finding = scan.next() {
      let bit: UInt32 = 1 << UInt32(finding.kind.rawValue)
      guard seen & bit == 0 else { continue }
      seen |= bit
      found(finding.kind.name)
    }
  }
}
