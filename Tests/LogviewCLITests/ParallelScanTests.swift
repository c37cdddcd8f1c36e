import Foundation
import LogviewCore
import LogviewTestSupport
import Synchronization
import Testing

@testable import LogviewCLI

@Suite struct ParallelScanTests {
  final class Tracked: Sendable {
    let index: Int
    let alive: Counter
    init(_ index: Int, _ alive: Counter) {
      self.index = index
      self.alive = alive
      alive.value.withLock { $0 += 1 }
    }
    deinit { alive.value.withLock { $0 -= 1 } }
  }

  final class Counter: Sendable {
    let value = Mutex(0)
  }

  @Test(arguments: [1, 2, 7, 64])
  func parallelMapKeepsOrderAndReleasesResults(_ count: Int) {
    let alive = Counter()
    do {
      let results = Parallel.map(count) { Tracked($0, alive) }
      #expect(results.map(\.index) == Array(0..<count))
    }
    // A leak here once kept every chunk's output alive until exit.
    #expect(alive.value.withLock { $0 } == 0)
  }

  @Test func redirectedStdinIsReadLikeAFile() throws {
    let path = RepoRoot.fixture("incident/payment-service.log")
    let process = Process()
    process.executableURL = BinaryHarness.executable
    process.arguments = ["--count", "-q", "level>=error"]
    process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text == "26\n")
    #expect(process.terminationStatus == 0)
  }
}
