import LogviewCore
import LogviewQuery
import LogviewStore

/// How many records hold secrets and how many personal data, for the status line.
public struct FindingCounts: Equatable, Sendable {
  public var secrets = 0
  public var pii = 0
  /// Still counting (the numbers only grow).
  public var counting = false

  public init(secrets: Int = 0, pii: Int = 0, counting: Bool = false) {
    self.secrets = secrets
    self.pii = pii
    self.counting = counting
  }

  /// Whether any record was found with either: the gutter then has room for the flag.
  public var any: Bool { secrets > 0 || pii > 0 }
}

/// Counts the records holding secrets and personal data off the UI thread: a FilterEngine
/// each for `has:secret` and `has:pii`, on their own threads. They start once mapped files
/// are indexed (so counting does not slow the indexing that fills the first screens), then
/// follow the records as they arrive.
final class FindingsCounter {
  private let secrets: FilterEngine
  private let pii: FilterEngine
  private var started = false
  /// Records the engines were told about.
  private var told = 0

  init(secrets: FilterEngine, pii: FilterEngine) {
    self.secrets = secrets
    self.pii = pii
  }

  /// Starts the engines when the time has come, tells them of new records, and takes
  /// their counts: after each wake-up.
  func sync(_ state: inout AppState, log: LiveLog) {
    let count = log.count
    if !started {
      guard log.indexing == nil, count > 0 else { return }
      started = true
      told = count
      secrets.setFilter(Self.filter("has:secret"))
      pii.setFilter(Self.filter("has:pii"))
    } else if count != told {
      told = count
      secrets.catchUp()
      pii.catchUp()
    }
    let s = secrets.snapshot()
    let p = pii.snapshot()
    state.findings = FindingCounts(
      secrets: s.count, pii: p.count, counting: !(s.complete && p.complete))
  }

  private static func filter(_ text: String) -> Filter? {
    try? Query.parse(text).compile(now: 0, zone: .utc)
  }

  /// The status line's words: "3 with secrets · 12 with PII", "counting" while it is.
  static func status(_ counts: FindingCounts) -> String? {
    guard counts.any else { return nil }
    var parts: [String] = []
    if counts.secrets > 0 { parts.append("\(StatusLine.grouped(counts.secrets)) with secrets") }
    if counts.pii > 0 { parts.append("\(StatusLine.grouped(counts.pii)) with PII") }
    return parts.joined(separator: " · ") + (counts.counting ? "…" : "")
  }
}

extension ExplorerController {
  /// Counts the records with findings in the status line and flags them in the gutter; the
  /// engines' changes should wake the loop. `redact`: records are shown masked.
  public func countFindings(secrets: FilterEngine, pii: FilterEngine, redact: Bool) {
    findings = FindingsCounter(secrets: secrets, pii: pii)
    data.redact = redact
  }
}
