import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewSystem

struct MemoryReleaseTests {
  /// A private file mapping whose pages were handed back reads the file's bytes again;
  /// a region not page-aligned keeps its partial pages.
  @Test(arguments: [(0, 40_000), (100, 30_000), (4096, 8192), (5000, 10)])
  func discardedMappedPagesReadTheFileAgain(offset: Int, count: Int) throws {
    let directory = TempDirectory()
    let path = directory.file("data")
    let bytes = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let fd = open(path, O_RDONLY)
    defer { close(fd) }
    let mapping = try #require(mmap(nil, bytes.count, PROT_READ, MAP_PRIVATE, fd, 0))
    defer { munmap(mapping, bytes.count) }
    let all = UnsafeRawBufferPointer(start: mapping, count: bytes.count)
    #expect(Array(all) == bytes)
    MemoryRelease.discardMapped(UnsafeRawBufferPointer(rebasing: all[offset..<offset + count]))
    #expect(Array(all) == bytes)
  }
}
