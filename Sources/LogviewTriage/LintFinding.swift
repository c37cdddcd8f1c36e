/// One thing the lint found: the rule, how many records it caught out of how many it looked
/// at, the first of them, and what it saw (the detail the text report prints above the hint).
public struct LintFinding: Equatable, Sendable {
  public var rule: LintRule
  /// The kind of sensitive data, or the concept whose keys differ; nil for other rules.
  public var subject: String?
  public var count: Int
  /// The records the share is taken of (all of a service's; for `no-zone` and
  /// `no-milliseconds` the times judged, for `no-request-id` the HTTP handlers' records, for
  /// `variable-messages` those with a message, for `mixed-keys` those with the concept).
  public var base: Int
  public var example: LintRef?
  public var detail: String

  public init(
    rule: LintRule, subject: String? = nil, count: Int, base: Int, example: LintRef?,
    detail: String = ""
  ) {
    self.rule = rule
    self.subject = subject
    self.count = count
    self.base = base
    self.example = example
    self.detail = detail
  }

  public var severity: LintSeverity { rule.severity }

  /// `count` out of `base` in tenths of a percent, rounded.
  public var permille: Int { base > 0 ? (count * 1000 + base / 2) / base : 0 }

  /// The share as text: "6.9%", "100%".
  public var shareText: String {
    let tenths = permille
    return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
  }

  /// "requests without ID", "sensitive data: credential", "mixed keys: request ID".
  public var title: String { subject.map { "\(rule.title): \($0)" } ?? rule.title }
}
