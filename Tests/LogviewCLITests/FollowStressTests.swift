import Foundation
import LogviewTestSupport
import Testing

/// Headless `-f` through the one inotify follower: a fast writer rotating every way loses
/// and repeats nothing. (It polled every 200 ms and lost the lines written in the last
/// ~100 ms before each copy-truncate: 900 to 3,200 a truncation at 20,000 lines/s.)
@Suite struct FollowStressTests {
  @Test func headlessFollowLosesAndRepeatsNothing() throws {
    let dir = TempDirectory("logview-stress")
    let path = dir.file("app.log")
    let writer = RotatingWriter(path: path)
    writer.write(250, perSecond: 20_000)
    let child = try BinaryHarness(["-f", "-o", "raw", path])
    defer { child.stop() }
    #expect(child.waitFor { $0.contains(RotatingWriter.line(250)) })
    let total = writer.rotateAndWrite { n in
      _ = child.waitFor(seconds: 10) { $0.contains(RotatingWriter.line(n) + "\n") }
    }
    let last = RotatingWriter.line(total) + "\n"
    #expect(child.waitFor(seconds: 20) { $0.hasSuffix(last) })
    // A line repeated after the last one would come soon after it.
    Thread.sleep(forTimeInterval: 0.3)
    let lines = child.outputText.split(separator: "\n").map(String.init)
    #expect(
      lines == RotatingWriter.expected(total), "\(RotatingWriter.difference(lines, total))")
  }
}
