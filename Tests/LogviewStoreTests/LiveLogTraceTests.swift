import Foundation
import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewStore

/// The explorer's records of Fixtures/formats/stacktraces.log: every runtime's stack trace is
/// part of the record before it, which keeps its level, however the file reaches the log.
@Suite struct LiveLogTraceTests {
  /// Line numbers where records start, with their levels.
  static let starts: [(line: Int, level: Level?)] = [
    (1, .error), (8, .error), (21, .error), (29, .error), (33, .warn), (36, .error),
    (45, .error), (55, .error), (59, .error), (66, .error), (70, .error), (78, .info),
    (79, .error), (80, .info), (81, .info), (82, .info),
  ]

  static func fixture() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: RepoRoot.fixture("formats/stacktraces.log"))))
  }

  static func startLines(_ log: LiveLog) -> [Int] { (0..<log.count).map { log.line(at: $0) } }

  /// Mapped (a file) or copied whole (a stream read at once), in small parallel pieces.
  @Test(arguments: [false, true])
  func tracesStayWithTheirRecord(_ mapped: Bool) throws {
    let bytes = try Self.fixture()
    let log = LiveFixture.log(pieceSize: 256)
    let owner = ByteOwner(bytes)
    if mapped {
      log.appendMapped(owner.view, owner: owner, source: 0)
    } else {
      log.append(owner.view, source: 0)
    }
    #expect(Self.startLines(log) == Self.starts.map(\.line))
    #expect((0..<log.count).map { log.record(at: $0).level } == Self.starts.map(\.level))
    let text = String(decoding: bytes.dropLast(), as: UTF8.self)
    #expect(LiveFixture.texts(log).joined(separator: "\n") == text)
  }

  /// A stream delivering a few lines at a time loses and repeats no line; a piece boundary
  /// can only part a header from the frame after it (the line after is not known yet), never
  /// glue records the whole file keeps apart.
  @Test(arguments: [1, 2, 3, 5])
  func streamedPiecesKeepEveryLine(_ linesPerPiece: Int) throws {
    let bytes = try Self.fixture()
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
    let log = LiveFixture.log()
    for start in stride(from: 0, to: lines.count, by: linesPerPiece) {
      let piece = lines[start..<min(start + linesPerPiece, lines.count)]
      LiveFixture.append(log, piece.map { String(decoding: $0, as: UTF8.self) + "\n" }.joined())
    }
    let text = String(decoding: bytes.dropLast(), as: UTF8.self)
    #expect(LiveFixture.texts(log).joined(separator: "\n") == text)
    #expect(Set(Self.starts.map(\.line)).isSubset(of: Self.startLines(log)))
  }
}
