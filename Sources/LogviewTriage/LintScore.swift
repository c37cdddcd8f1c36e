/// The lint's score, 0 to 100 (100: nothing found). Each finding takes its severity's weight
/// (`LintSeverity.weight`: error 25, warn 10, info 4) times a quarter plus three quarters of
/// its share: any finding costs at least a quarter of its weight, one covering every record
/// all of it. A service's score is 100 less its findings', rounded, never below 0. The
/// overall score is the services' scores averaged by their records, less the cross-service
/// findings' (mixed keys), never below 0.
public enum LintScore {
  /// What a finding takes, in hundredths of a point (integer arithmetic: the same score on
  /// every machine).
  public static func deduction(_ finding: LintFinding) -> Int {
    let weight = finding.severity.weight
    let share = finding.base > 0 ? 75 * min(finding.count, finding.base) / finding.base : 75
    return weight * (25 + share)
  }

  /// 100 less the findings' deductions, rounded, at least 0.
  public static func score(_ findings: [LintFinding], from start: Int = 100) -> Int {
    let taken = findings.reduce(0) { $0 + deduction($1) }
    return max(0, (start * 100 - taken + 50) / 100)
  }

  /// The services' scores averaged by their records, rounded.
  static func average(_ scores: [(score: Int, records: Int)]) -> Int {
    let records = scores.reduce(0) { $0 + $1.records }
    guard records > 0 else { return 100 }
    let total = scores.reduce(0) { $0 + $1.score * $1.records }
    return (total + records / 2) / records
  }
}
