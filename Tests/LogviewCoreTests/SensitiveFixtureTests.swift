import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewCore

/// The planted items of Fixtures/secrets (its README's table) are found, each as its kind,
/// and nothing else; the incident fixture's ordinary IDs are no finding.
@Suite struct SensitiveFixtureTests {
  struct Planted: Hashable, CustomStringConvertible {
    var line: Int
    var kind: String
    var text: String
    var description: String { "line \(line) \(kind): \(text)" }
  }

  /// The README's `| line | kind | `text` |` rows.
  static func planted() throws -> [Planted] {
    let readme = try String(contentsOfFile: RepoRoot.fixture("secrets/README.md"), encoding: .utf8)
    return readme.split(separator: "\n").compactMap { row in
      let cells = row.split(separator: "|", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 5, let line = Int(cells[1]), cells[3].hasPrefix("`") else { return nil }
      return Planted(line: line, kind: cells[2], text: String(cells[3].dropFirst().dropLast()))
    }
  }

  /// Every finding in a file, by line (bytes as they are: some fixtures are not UTF-8).
  static func found(in path: String) throws -> [Planted] {
    let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var all: [Planted] = []
    for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
    {
      let bytes = Array(line)
      var findings: [SensitiveFinding] = []
      bytes.withUnsafeBytes { SensitiveScan.findings(in: $0, into: &findings) }
      all += findings.map {
        Planted(
          line: index + 1, kind: $0.kind.name,
          text: String(decoding: bytes[$0.range], as: UTF8.self))
      }
    }
    return all
  }

  @Test func everyPlantedItemIsFoundAndNothingElse() throws {
    let planted = try Self.planted()
    #expect(planted.count >= 19)
    // Every kind is planted.
    #expect(Set(planted.map(\.kind)) == Set(SensitiveKind.allCases.map(\.name)))
    let found = try Self.found(in: RepoRoot.fixture("secrets/app.log"))
    for item in planted {
      #expect(found.contains(item), "not found: \(item)")
    }
    for item in found {
      #expect(planted.contains(item), "not planted: \(item)")
    }
  }

  /// Every other fixture: the incident, the formats, mixed input, midnight.
  static let cleanFixtures: [String] = ["incident", "formats", "mixed", "midnight"].flatMap {
    directory in
    ((try? FileManager.default.contentsOfDirectory(atPath: RepoRoot.fixture(directory))) ?? [])
      .filter { $0.hasSuffix(".log") }.sorted().map { "\(directory)/\($0)" }
  }

  @Test func theCleanFixturesAreThere() {
    #expect(Self.cleanFixtures.contains("incident/payment-service.log"))
    #expect(Self.cleanFixtures.count >= 30)
  }

  @Test(arguments: cleanFixtures)
  func ordinaryIDsAreNoFinding(_ fixture: String) throws {
    let found = try Self.found(in: RepoRoot.fixture(fixture))
    #expect(found.isEmpty, "\(found.prefix(5))")
  }
}
