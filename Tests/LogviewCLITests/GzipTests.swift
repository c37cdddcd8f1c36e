import Foundation
import LogviewTestSupport
import Testing

/// .gz input is decompressed transparently: same records as the plain file.
@Suite struct GzipTests {
  static let plain = RepoRoot.fixture("incident/payment-service.log")
  static let compressed = RepoRoot.fixture("compressed/payment-service.log.gz")

  static func temporary(_ bytes: [UInt8]) throws -> String {
    let path = NSTemporaryDirectory() + "logview-gz-\(UUID().uuidString).log.gz"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func sameRecordsAsThePlainFile() {
    let expected = RunHarness.run(["-o", "raw", Self.plain])
    let actual = RunHarness.run(["-o", "raw", Self.compressed])
    #expect(actual.status == 0)
    #expect(actual.stdout == expected.stdout)
    #expect(
      RunHarness.run(["--count", "-q", "level>=error", Self.compressed]).stdoutText == "26\n")
  }

  @Test func concatenatedMembersAndMixedInputs() throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.compressed)))
    let doubled = try Self.temporary(bytes + bytes)
    defer { try? FileManager.default.removeItem(atPath: doubled) }
    #expect(RunHarness.run(["--count", doubled]).stdoutText == "1246\n")
    let merged = RunHarness.run([
      "--count", Self.compressed, RepoRoot.fixture("incident/inventory.log"),
    ])
    #expect(merged.stdoutText == "\(623 + 791)\n")
  }

  @Test func truncatedAndCorruptArchives() throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.compressed)))
    let truncated = try Self.temporary(Array(bytes.prefix(bytes.count / 2)))
    defer { try? FileManager.default.removeItem(atPath: truncated) }
    // What was decompressed is printed, then the damage is reported: exit 2, one line.
    let partial = RunHarness.run(["--count", truncated])
    #expect(partial.status == 2)
    #expect((Int(partial.stdoutText.dropLast()) ?? 0) > 100)
    #expect(
      partial.stderr
        == "logview: cannot read \(truncated): unexpected end of compressed data (the records before it were read)\n"
    )

    var damaged = bytes
    for i in stride(from: 200, to: min(damaged.count, 2_000), by: 7) { damaged[i] ^= 0x5A }
    let corrupt = try Self.temporary(damaged)
    defer { try? FileManager.default.removeItem(atPath: corrupt) }
    let outcome = RunHarness.run(["--count", corrupt])
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("not valid gzip data"))
  }
}
