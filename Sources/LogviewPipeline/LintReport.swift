import LogviewCore
import LogviewTriage

/// `--report lint`: how well the matching records follow structured-logging practice. The
/// text gives a title with the overall score, a table of the services (worst score first),
/// then each service's findings and the findings across services: severity, what, how many,
/// their share, the first record's `file:line`, and below it what was seen and how to fix
/// it (once per rule and section). With `-o json`, one object per service with its findings, then one for all of them.
struct LintReport {
  let color: Bool
  let json: Bool

  func render(_ verdict: LintVerdict) -> [UInt8] {
    json ? renderJSON(verdict) : Array(renderText(verdict).utf8)
  }

  // MARK: - Text

  func renderText(_ verdict: LintVerdict) -> String {
    let services = verdict.services.count
    var out = "lint · \(DigitGrouping.text(verdict.records)) records"
    guard verdict.records > 0 else { return out + "\n  no matching records\n" }
    out += " · \(services) service\(services == 1 ? "" : "s") · overall score "
    out += scored(verdict.score) + "\n"
    out += serviceTable(verdict)
    let all = verdict.services.flatMap(\.findings) + verdict.crossService
    guard !all.isEmpty else { return out + "  no findings\n" }
    let widths = Widths(all)
    for service in verdict.services where !service.findings.isEmpty {
      out += styled(name(service.name), RecordStyles(colors: color).service)
      out += " · score " + scored(service.score)
      out += " · \(DigitGrouping.text(service.records)) records\n"
      out += section(service.findings, widths)
    }
    if !verdict.crossService.isEmpty {
      let count = verdict.crossService.count
      out += styled("across services", Style(bold: true))
      out += " · \(count) concept\(count == 1 ? "" : "s") under different keys\n"
      out += section(verdict.crossService, widths)
    }
    return out
  }

  /// The columns' widths, shared by every finding of the report.
  private struct Widths {
    var title = 0
    var count = 0
    var share = 0

    init(_ findings: [LintFinding]) {
      for finding in findings {
        title = max(title, finding.title.count)
        count = max(count, DigitGrouping.text(finding.count).count)
        share = max(share, finding.shareText.count)
      }
    }
  }

  private func serviceTable(_ verdict: LintVerdict) -> String {
    let names = verdict.services.map { name($0.name) }
    let nameWidth = (names.map(\.count) + [7]).max() ?? 7
    let records = verdict.services.map { DigitGrouping.text($0.records) }
    let recordWidth = (records.map(\.count) + [7]).max() ?? 7
    var out =
      "  "
      + styled(
        padded("service", nameWidth) + "  score  " + left("records", recordWidth)
          + "  findings", Style(dim: true)) + "\n"
    for (index, service) in verdict.services.enumerated() {
      out += "  " + styled(padded(names[index], nameWidth), RecordStyles(colors: color).service)
      out += "  " + String(repeating: " ", count: 5 - "\(service.score)".count)
      out += scored(service.score) + "  " + left(records[index], recordWidth)
      out += "  " + left("\(service.findings.count)", 8) + "\n"
    }
    return out
  }

  /// The findings of a service, or those across services: a rule's hint is given once.
  private func section(_ findings: [LintFinding], _ widths: Widths) -> String {
    var hinted: Set<LintRule> = []
    return findings.map { lines($0, widths, hint: hinted.insert($0.rule).inserted) }.joined()
  }

  /// A finding's row, then its detail (when there is one) and its hint.
  private func lines(_ finding: LintFinding, _ widths: Widths, hint: Bool) -> String {
    let severity = finding.severity
    var out = "  " + styled(padded(severity.name, 5), Self.style(severity, color: color))
    out += "  " + padded(finding.title, widths.title)
    out += "  " + left(DigitGrouping.text(finding.count), widths.count)
    out += "  " + left(finding.shareText, widths.share)
    if let example = finding.example { out += "  " + styled(example.text, Style(dim: true)) }
    out += "\n"
    let indent = String(repeating: " ", count: 9)
    if !finding.detail.isEmpty { out += indent + finding.detail + "\n" }
    if hint { out += indent + styled(finding.rule.hint, Style(dim: true)) + "\n" }
    return out
  }

  /// A severity as the level it is named after.
  static func style(_ severity: LintSeverity, color: Bool) -> Style {
    let styles = RecordStyles(colors: color)
    switch severity {
    case .error: return styles.levelLabel(.error)
    case .warn: return styles.levelLabel(.warn)
    case .info: return styles.levelLabel(.info)
    }
  }

  /// A score in the color of the severity it is closest to: below 50 error, below 80 warn.
  private func scored(_ score: Int) -> String {
    let severity: LintSeverity = score < 50 ? .error : score < 80 ? .warn : .info
    return styled("\(score)", Self.style(severity, color: color))
  }

  private func name(_ service: [UInt8]) -> String {
    service.isEmpty ? LintVerdict.noService : TextSanitizer.sanitized(service.string)
  }

  private func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  private func left(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  private func styled(_ text: String, _ style: Style) -> String {
    let sequence = color ? AnsiStyle.sequence(style) : []
    guard !sequence.isEmpty else { return text }
    return String(decoding: sequence, as: UTF8.self) + text + "\u{1B}[0m"
  }

  // MARK: - JSON

  /// `{"service":"inventory","score":93,"records":791,"findings":[{"rule":...}]}` per
  /// service (`""` for records without one), then `{"all":true,"score":..,"records":..,
  /// "services":..,"findings":[...]}` with the findings across services. Every finding has
  /// the same keys: rule, severity, subject (null but for sensitive-data and mixed-keys),
  /// count, of, share (0 to 1, three decimals), example ({"source","line"} or null),
  /// detail and hint.
  func renderJSON(_ verdict: LintVerdict) -> [UInt8] {
    var out: [UInt8] = []
    for service in verdict.services {
      out.append(contentsOf: #"{"service":"#.utf8)
      service.name.withUnsafeBytes { JSONStringCodec.appendQuoted($0, to: &out) }
      out.append(contentsOf: ",\"score\":\(service.score),\"records\":\(service.records)".utf8)
      append(service.findings, to: &out)
      out.append(contentsOf: "}\n".utf8)
    }
    out.append(contentsOf: "{\"all\":true,\"score\":\(verdict.score)".utf8)
    out.append(
      contentsOf: ",\"records\":\(verdict.records),\"services\":\(verdict.services.count)".utf8)
    append(verdict.crossService, to: &out)
    out.append(contentsOf: "}\n".utf8)
    return out
  }

  private func append(_ findings: [LintFinding], to out: inout [UInt8]) {
    out.append(contentsOf: ",\"findings\":[".utf8)
    for (index, finding) in findings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: "{\"rule\":\"\(finding.rule.name)\"".utf8)
      out.append(contentsOf: ",\"severity\":\"\(finding.severity.name)\",\"subject\":".utf8)
      if let subject = finding.subject {
        JSONStringCodec.appendQuoted(subject, to: &out)
      } else {
        out.append(contentsOf: "null".utf8)
      }
      out.append(contentsOf: ",\"count\":\(finding.count),\"of\":\(finding.base)".utf8)
      out.append(contentsOf: ",\"share\":\(Self.decimal(finding.permille)),\"example\":".utf8)
      if let example = finding.example {
        out.append(contentsOf: #"{"source":"#.utf8)
        example.source.withUnsafeBytes { JSONStringCodec.appendQuoted($0, to: &out) }
        out.append(contentsOf: ",\"line\":\(example.line)}".utf8)
      } else {
        out.append(contentsOf: "null".utf8)
      }
      out.append(contentsOf: ",\"detail\":".utf8)
      JSONStringCodec.appendQuoted(finding.detail, to: &out)
      out.append(contentsOf: ",\"hint\":".utf8)
      JSONStringCodec.appendQuoted(finding.rule.hint, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
  }

  /// Tenths of a percent as a fraction: 69 -> "0.069", 1000 -> "1", 0 -> "0".
  static func decimal(_ permille: Int) -> String {
    guard permille % 1000 != 0 else { return "\(permille / 1000)" }
    var fraction = String(permille % 1000)
    fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
    while fraction.last == "0" { fraction.removeLast() }
    return "\(permille / 1000).\(fraction)"
  }
}
