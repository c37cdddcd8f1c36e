import LogviewCore

/// What hides secrets in an incident bundle. Every byte of record text a bundle holds (the
/// raw lines, the messages and services in the summary and timeline, the ID in the title)
/// passes through `apply` before it is shown or written; `standard` is the one place that
/// says how a bundle is redacted.
public struct BundleRedaction: Sendable {
  /// False for `none`: the bundle says its lines are not redacted.
  public let masks: Bool
  private let redact: @Sendable ([UInt8]) -> [UInt8]

  public init(masks: Bool, _ redact: @escaping @Sendable ([UInt8]) -> [UInt8]) {
    self.masks = masks
    self.redact = redact
  }

  /// The default of `--bundle` and the request view's `b`: secrets and personal data masked
  /// as `--redact` masks them (each finding becomes `[REDACTED:kind]`).
  public static let standard = BundleRedaction(masks: true) { SensitiveRedaction.redacted($0) }

  /// `--no-redact`: the records as read.
  public static let none = BundleRedaction(masks: false) { $0 }

  public func apply(_ bytes: [UInt8]) -> [UInt8] { redact(bytes) }

  public func apply(_ text: String) -> String {
    String(decoding: redact(Array(text.utf8)), as: UTF8.self)
  }
}
