/// The message template and secret finders the lint uses: the seams where the pattern miner
/// and the secrets scanner are plugged in.
public struct LintInputs: Sendable {
  public var templating: any MessageTemplating
  public var sensitive: any SensitiveFindings

  public init(templating: any MessageTemplating, sensitive: any SensitiveFindings) {
    self.templating = templating
    self.sensitive = sensitive
  }

  public static let standard = LintInputs(
    templating: FoldedTemplates(), sensitive: ScannedFindings())
}
