import Foundation
import Testing

/// The real binary on pipes and growing files: nothing lost, nothing duplicated, no hang.
@Suite(.serialized) struct StreamingTests {
  @Test func pipedInputInPiecesMatchesTheFileOutput() throws {
    let path = RunHarness.fixture("mixed/mixed.log")
    let expected = RunHarness.run(["-o", "normalized", path]).stdoutText
      .replacingOccurrences(of: #""source":"\#(path)""#, with: #""source":"-""#)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let child = try BinaryHarness(["-o", "normalized"])
    // Odd-sized pieces split lines, tracebacks and UTF-8 sequences across reads.
    var offset = 0
    var size = 1
    while offset < bytes.count {
      let end = min(bytes.count, offset + size)
      child.input.fileHandleForWriting.write(bytes[offset..<end])
      offset = end
      size = size * 3 % 4093 + 1
    }
    child.closeInput()
    #expect(child.waitForExit() == 0)
    #expect(child.outputText == expected)
    child.stop()
  }

  @Test func liveLinesAppearBeforeInputEnds() throws {
    let child = try BinaryHarness(["-o", "raw", "-q", "level>=warn"])
    defer { child.stop() }
    child.write(
      #"{"level":"info","msg":"quiet"}"# + "\n" + #"{"level":"error","msg":"first"}"# + "\n")
    #expect(child.waitFor { $0.contains("first") })
    child.write(#"{"level":"warn","msg":"sec"#)
    child.write(#"ond"}"# + "\n")
    #expect(child.waitFor { $0.contains("second") })
    #expect(!child.outputText.contains("quiet"))
    child.closeInput()
    #expect(child.waitForExit() == 0)
  }

  @Test func followSurvivesRotationAndTruncation() throws {
    let dir = NSTemporaryDirectory() + "logview-follow-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/app.log"
    func line(_ n: Int) -> String { #"{"level":"info","msg":"line \#(n)"}"# + "\n" }
    func append(_ text: String) throws {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      handle.seekToEndOfFile()
      handle.write(Data(text.utf8))
      try handle.close()
    }
    try (line(1) + line(2)).write(toFile: log, atomically: false, encoding: .utf8)
    let child = try BinaryHarness(["-f", "-o", "raw", log])
    defer { child.stop() }
    #expect(child.waitFor { $0.contains("line 2") })
    try append(line(3))
    // A partial line waits for its newline.
    try append(#"{"level":"info","msg":"li"#)
    #expect(child.waitFor { $0.contains("line 3") })
    try append(#"ne 4"}"# + "\n")
    #expect(child.waitFor { $0.contains("line 4") })
    // Rename-and-create rotation.
    try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
    try line(5).write(toFile: log, atomically: false, encoding: .utf8)
    #expect(child.waitFor { $0.contains("line 5") })
    // Copy-truncate.
    try "".write(toFile: log, atomically: false, encoding: .utf8)
    Thread.sleep(forTimeInterval: 0.5)
    try append(line(6))
    #expect(child.waitFor { $0.contains("line 6") })
    let lines = child.outputText.split(separator: "\n")
    #expect(lines.count == 6, "got: \(lines)")
    #expect(Set(lines).count == 6)
  }

  @Test func closedOutputPipeEndsQuietly() throws {
    let path = RunHarness.fixture("incident/checkout-api.log")
    let child = try BinaryHarness([path])
    try? child.output.fileHandleForReading.close()
    let status = child.waitForExit()
    #expect(status == 0 || status == 1)
    let errors = String(
      decoding: child.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(errors.isEmpty)
  }
}
