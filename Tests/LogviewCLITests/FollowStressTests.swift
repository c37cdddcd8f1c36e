import Foundation
import LogviewTestSupport
import Testing

/// Headless `-f` through the one inotify follower: a fast writer rotating every way loses
/// and repeats nothing. (It polled every 200 ms and lost the lines written in the last
/// ~100 ms before each copy-truncate: 900 to 3,200 a truncation at 20,000 lines/s.)
@Suite struct FollowStressTests {
  static let rotations = 16
  static let linesPerPhase = 250

  @Test func headlessFollowLosesAndRepeatsNothing() throws {
    let dir = TempDirectory("logview-stress")
    let path = dir.file("app.log")
    let writer = RotatingWriter(path: path)
    writer.write(Self.linesPerPhase, perSecond: 20_000)
    let child = try BinaryHarness(["-f", "-o", "raw", path])
    defer { child.stop() }
    #expect(child.waitFor { $0.contains(RotatingWriter.line(Self.linesPerPhase)) })
    for phase in 0..<Self.rotations {
      writer.rotate(RotatingWriter.Rotation.allCases[phase % 3])
      writer.write(Self.linesPerPhase, perSecond: 20_000)
    }
    let total = writer.linesWritten
    let last = RotatingWriter.line(total) + "\n"
    #expect(child.waitFor(seconds: 20) { $0.hasSuffix(last) })
    let lines = child.outputText.split(separator: "\n").map(String.init)
    #expect(lines == RotatingWriter.expected(total), "\(Self.difference(lines, total))")
  }

  /// What went missing or came twice, for the failure message.
  static func difference(_ lines: [String], _ total: Int) -> String {
    let expected = RotatingWriter.expected(total)
    let missing = Set(expected).subtracting(lines).count
    let repeated = lines.count - Set(lines).count
    return "\(lines.count) lines for \(total): \(missing) missing, \(repeated) repeated"
  }
}
