import LogviewCore

/// The lint's findings and scores from what was counted: per service (worst score first,
/// then most records, then by name), the findings across services (mixed keys), and the
/// overall score.
public struct LintVerdict: Equatable, Sendable {
  public struct Service: Equatable, Sendable {
    /// Empty for the records without a service.
    public var name: [UInt8]
    public var records: Int
    public var score: Int
    /// Most severe first, then the costliest.
    public var findings: [LintFinding]
  }

  public var services: [Service]
  public var crossService: [LintFinding]
  public var score: Int
  public var records: Int

  /// Every finding, of services and across them.
  public var findingCount: Int {
    services.reduce(crossService.count) { $0 + $1.findings.count }
  }

  public init(_ samples: LintSamples) {
    var services: [Service] = []
    for (name, counted) in zip(samples.services, samples.samples) {
      let findings = Self.sorted(Self.findings(counted))
      services.append(
        Service(
          name: name, records: counted.records, score: LintScore.score(findings),
          findings: findings))
    }
    services.sort { a, b in
      if a.score != b.score { return a.score < b.score }
      if a.records != b.records { return a.records > b.records }
      return a.name.lexicographicallyPrecedes(b.name)
    }
    self.services = services
    crossService = Self.sorted(Self.mixedKeys(samples))
    records = samples.count
    let average = LintScore.average(services.map { ($0.score, $0.records) })
    score = LintScore.score(crossService, from: average)
  }

  static func sorted(_ findings: [LintFinding]) -> [LintFinding] {
    findings.sorted {
      ($0.severity, LintScore.deduction($0), $1.title) > (
        $1.severity, LintScore.deduction($1), $0.title
      )
    }
  }

  // MARK: - A service's findings

  static func findings(_ counted: LintServiceSamples) -> [LintFinding] {
    var found: [LintFinding] = []
    for rule in LintRule.counted {
      let tally = counted.tallies[rule.index]
      guard tally.count > 0 else { continue }
      var finding = LintFinding(
        rule: rule, count: tally.count, base: base(of: rule, counted), example: tally.first)
      switch rule {
      case .debugVolume:
        guard finding.permille > LintRule.debugThreshold * 10 else { continue }
        finding.detail =
          "debug and trace are \(finding.shareText) of the records"
          + " (more than \(LintRule.debugThreshold)%)"
      case .variableMessages:
        finding.detail = variableDetail(counted.templates)
      default:
        break
      }
      found.append(finding)
    }
    for (kind, tally) in counted.sensitive {
      found.append(
        LintFinding(
          rule: .sensitiveData, subject: kind, count: tally.count, base: counted.records,
          example: tally.first))
    }
    return found
  }

  private static func base(of rule: LintRule, _ counted: LintServiceSamples) -> Int {
    switch rule {
    case .missingZone, .coarseTime: counted.judgedTimes
    case .missingRequestId: counted.requestScoped
    case .variableMessages: counted.messages
    default: counted.records
    }
  }

  /// "'reserved <num> items' embeds 1 value in 523 records; 5 templates from 12 messages".
  static func variableDetail(_ templates: TemplateTally) -> String {
    let top = templates.templates.filter { $0.values > 0 }.min { a, b in
      a.tally.count != b.tally.count
        ? a.tally.count > b.tally.count : a.text.lexicographicallyPrecedes(b.text)
    }
    var text = ""
    if let top {
      let template = TextSanitizer.sanitized(String(decoding: top.text, as: UTF8.self))
      let values = counted(top.values, "value")
      text = "'\(template)' embeds \(values) in \(counted(top.tally.count, "record")); "
    }
    let more = templates.messagesCapped ? "+" : ""
    return text + counted(templates.templates.count, "template") + " from "
      + counted(templates.messages.count, "distinct message", more: more)
  }

  /// "1 template", "12 templates", "65,536+ distinct messages".
  static func counted(_ count: Int, _ noun: String, more: String = "") -> String {
    "\(DigitGrouping.text(count))\(more) \(noun)\(count == 1 && more.isEmpty ? "" : "s")"
  }

  // MARK: - Across services

  /// One finding per concept written under more than one key: the records not under its
  /// most used key, the first record under the most used of the others, and which services
  /// (by name) used which key.
  static func mixedKeys(_ samples: LintSamples) -> [LintFinding] {
    var found: [LintFinding] = []
    for concept in KeyConcept.allCases {
      // Each key with its records, first record and services, in order of first use.
      var keys: [(key: [UInt8], tally: LintTally, services: [[UInt8]])] = []
      for (name, counted) in zip(samples.services, samples.samples) {
        for use in counted.keys where use.concept == concept {
          if let at = keys.firstIndex(where: { $0.key == use.key }) {
            keys[at].tally.merge(use.tally)
            keys[at].services.append(name)
          } else {
            keys.append((use.key, use.tally, [name]))
          }
        }
      }
      guard keys.count > 1 else { continue }
      let ranked = keys.enumerated().sorted {
        ($0.element.tally.count, $1.offset) > ($1.element.tally.count, $0.offset)
      }.map(\.element)
      let total = keys.reduce(0) { $0 + $1.tally.count }
      let detail = ranked.map { key in
        let services = key.services.map { $0.isEmpty ? noService : $0.text }.sorted()
        return "\(key.key.text): \(services.joined(separator: ", "))"
      }.joined(separator: " · ")
      found.append(
        LintFinding(
          rule: .mixedKeys, subject: concept.title, count: total - ranked[0].tally.count,
          base: total, example: ranked[1].tally.first, detail: detail))
    }
    return found
  }

  /// The name shown for records without a service.
  public static let noService = "(no service)"
}

extension [UInt8] {
  /// Logged text as shown: invalid UTF-8 repaired, controls escaped.
  var text: String { TextSanitizer.sanitized(String(decoding: self, as: UTF8.self)) }
}
