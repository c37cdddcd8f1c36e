/// What a finding of `SensitiveScan` is. Two groups: `secret` for what lets someone in
/// (credentials, keys, tokens: rotate them) and `pii` for personal data (cards, emails,
/// phones: a data-protection matter). A payment card number counts as personal data: it
/// names a person's account and falls under payment-data rules, but it is not a credential
/// of the service that logged it.
public enum SensitiveKind: UInt8, CaseIterable, Sendable {
  case awsKey
  case bearerToken
  case webToken
  case secretField
  case urlPassword
  case privateKey
  case card
  case email
  case phone

  /// The kind as written in masks, reports and documentation.
  public var name: String {
    switch self {
    case .awsKey: "aws-key"
    case .bearerToken: "bearer-token"
    case .webToken: "jwt"
    case .secretField: "secret-field"
    case .urlPassword: "url-password"
    case .privateKey: "private-key"
    case .card: "card"
    case .email: "email"
    case .phone: "phone"
    }
  }

  public var group: SensitiveGroups {
    switch self {
    case .card, .email, .phone: .pii
    default: .secret
    }
  }
}

/// A set of finding groups: what a scan looks for, what a record holds.
public struct SensitiveGroups: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let secret = SensitiveGroups(rawValue: 1)
  public static let pii = SensitiveGroups(rawValue: 2)
  public static let all: SensitiveGroups = [.secret, .pii]

  /// `secret` or `pii`, as the filter terms `has:secret` and `has:pii` spell them.
  public init?(name: String) {
    switch name {
    case "secret", "secrets": self = .secret
    case "pii": self = .pii
    default: return nil
    }
  }
}

/// One finding: its kind and where it is in the scanned bytes.
public struct SensitiveFinding: Equatable, Sendable {
  public var kind: SensitiveKind
  public var range: Range<Int>

  public init(_ kind: SensitiveKind, _ range: Range<Int>) {
    self.kind = kind
    self.range = range
  }
}
