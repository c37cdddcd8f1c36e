import Foundation
import LogviewCore
import LogviewQuery
import LogviewStore
import LogviewTestSupport

@testable import LogviewUI

/// Builds ViewData over fixture files, with the filter applied synchronously.
enum UITestData {
  static let incident = [
    "incident/checkout-api.log", "incident/payment-service.log", "incident/inventory.log",
    "incident/email-worker.log",
  ]

  /// A log holding the given fixtures (relative to Fixtures/), appended in file order.
  static func log(_ fixtures: [String]) throws -> LiveLog {
    let log = LiveLog(options: NormalizerOptions(), sources: fixtures)
    for (i, name) in fixtures.enumerated() {
      let data = try Data(
        contentsOf: URL(fileURLWithPath: RepoRoot.fixture(name)))
      var bytes = [UInt8](data)
      if bytes.last != 0x0A { bytes.append(0x0A) }
      bytes.withUnsafeBytes { _ = log.append($0, source: i) }
    }
    return log
  }

  static func snapshot(_ log: LiveLog, filter text: String = "") throws -> FilteredSnapshot {
    let filter = try Query.parse(text).compile(now: 0, zone: .utc)
    let normalizer = Normalizer()
    var matches: [Int] = []
    for index in 0..<log.count {
      let keep = log.withText(at: index) { bytes, first in
        normalizer.withRecord(bytes, firstLineLength: first) { filter.matches($0) }
      }
      if keep { matches.append(index) }
    }
    return FilteredSnapshot(
      matches: matches, scanned: log.count, total: log.count, complete: true, generation: 1)
  }

  static func data(_ fixtures: [String] = incident, filter: String = "") throws -> ViewData {
    let log = try log(fixtures)
    return ViewData(
      log: log, options: NormalizerOptions(), snapshot: try snapshot(log, filter: filter))
  }
}
