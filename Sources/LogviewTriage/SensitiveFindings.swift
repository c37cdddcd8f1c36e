import LogviewCore

/// What finds secrets and personal data in a record, for the lint's `sensitive-data` rule:
/// it names each kind found (`credential`, `email`, `card` ...) once per record. The lint only
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

/// Credentials as `SecretMasker` finds them in a record's message (passwords in URLs,
/// `password=…`-like values, bearer tokens, AWS access key IDs, JSON web tokens): a message
/// the masker would change holds one. The message only: the masker masks the value of any
/// key named like `authorization`, and in a JSON line that is also an ordinary ID's key.
public struct MaskedCredentials: SensitiveFindings {
  public init() {}

  public var readsMessageOnly: Bool { true }

  public func kinds(in record: RecordView, _ found: (String) -> Void) {
    let holds =
      record.withText(of: .message) { message -> Bool in
        let bytes = Array(message)
        return SecretMasker.masked(bytes) != bytes
      } ?? false
    if holds { found("credential") }
  }
}
