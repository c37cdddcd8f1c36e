import Foundation
import Testing

@testable import LogviewSources

@Suite struct TruncationGuardTests {
  /// Without the guard, this read kills the process with SIGBUS.
  @Test func readingATruncatedMappingSeesZeros() throws {
    let path = NSTemporaryDirectory() + "logview-trunc-\(UUID().uuidString).log"
    let line = #"{"level":"info","msg":"padding the file out"}"# + "\n"
    try String(repeating: line, count: 50_000).write(
      toFile: path, atomically: false, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let mapped = try #require(try MappedFile.open(path))
    #expect(mapped.bytes[0] == UInt8(ascii: "{"))
    // copytruncate: the file shrinks under the mapping.
    truncate(path, 0)
    let far = mapped.bytes.count - 10
    #expect(mapped.bytes[far] == 0)
    #expect(mapped.bytes[0] == 0)
  }
}
