import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewSystem

struct FileContentsTests {
  /// Sizes around the 64 KiB read chunk.
  @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 300_000])
  func readsTheWholeFile(size: Int) throws {
    let directory = TempDirectory()
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let path = directory.file("data")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(FileContents.read(path) == bytes)
  }

  @Test func largerThanTheLimitIsNil() throws {
    let directory = TempDirectory()
    let path = directory.file("data")
    try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: path))
    #expect(FileContents.read(path, limit: 99) == nil)
    #expect(FileContents.read(path, limit: 100)?.count == 100)
  }

  @Test func missingOrUnreadableIsNil() {
    let directory = TempDirectory()
    #expect(FileContents.read(directory.file("absent")) == nil)
    // A directory opens but does not read.
    #expect(FileContents.read(directory.path) == nil)
  }
}
