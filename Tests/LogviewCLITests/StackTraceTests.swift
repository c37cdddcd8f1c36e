import Foundation
import LogviewTestSupport
import Testing

/// Fixtures/formats/stacktraces.log through the command line: a record's level covers its
/// stack trace, whichever runtime printed it, so filtering by level prints every trace line
/// with its record and counts each record once.
@Suite struct StackTraceTests {
  static let path = RepoRoot.fixture("formats/stacktraces.log")

  /// Lines (1-based) of the records below error: a warning with its Java trace, and info
  /// lines around a lone "Error: disk full" (an error record of its own) and an indented
  /// JSON record.
  static let belowError: Set<Int> = [33, 34, 35, 78, 80, 81, 82]

  static func errorLines() throws -> [UInt8] {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
    var kept: [UInt8] = []
    for (i, line) in lines.enumerated() where !belowError.contains(i + 1) {
      kept += line + [0x0A]
    }
    return kept
  }

  @Test func errorsPrintTheirWholeTrace() throws {
    let outcome = RunHarness.run(["-q", "level>=error", "-o", "raw", Self.path])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let expected = try Self.errorLines()
    #expect(outcome.stdoutText == String(decoding: expected, as: UTF8.self))
  }

  @Test func countsEachRecordOnce() {
    let errors = RunHarness.run(["--count", "-q", "level>=error", Self.path])
    #expect(errors.stdoutText == "11\n")
    let all = RunHarness.run(["--count", Self.path])
    #expect(all.stdoutText == "16\n")
  }

  /// Read from a pipe in odd-sized pieces: a piece may end between a header and its first
  /// frame (the header then starts a record, an error of its own), but no trace line is lost
  /// or printed twice.
  @Test func pipedPiecesPrintTheSameLines() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path))
    let child = try BinaryHarness(["-q", "level>=error", "-o", "raw"])
    defer { child.stop() }
    child.writeInPieces(bytes, cycle: 211)
    child.closeInput()
    #expect(child.waitForExit() == 0)
    #expect(child.outputText == String(decoding: try Self.errorLines(), as: UTF8.self))
  }
}
