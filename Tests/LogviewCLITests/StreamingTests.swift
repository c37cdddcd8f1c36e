import Foundation
import LogviewTestSupport
import Testing

/// The real binary on pipes and growing files: nothing lost, nothing duplicated, no hang.
@Suite(.serialized) struct StreamingTests {
  @Test func pipedInputInPiecesMatchesTheFileOutput() throws {
    let path = RepoRoot.fixture("mixed/mixed.log")
    let expected = RunHarness.run(["-o", "normalized", path]).stdoutText
      .replacingOccurrences(of: #""source":"\#(path)""#, with: #""source":"-""#)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let child = try BinaryHarness(["-o", "normalized"])
    // Odd-sized pieces split lines, tracebacks and UTF-8 sequences across reads.
    child.writeInPieces(bytes, cycle: 4093)
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

  /// Followed files (merged or alone) number appended lines on from what was read at start.
  @Test(arguments: [1, 2])
  func followedLinesKeepTheirNumbers(_ files: Int) throws {
    let dir = TempDirectory("logview-lines")
    let paths = (0..<files).map { dir.file("app\($0).log") }
    for path in paths {
      #expect(FileManager.default.createFile(atPath: path, contents: Data("a\nb\n".utf8)))
    }
    let child = try BinaryHarness(["-f", "-o", "normalized"] + paths)
    defer { child.stop() }
    #expect(child.waitFor { $0.components(separatedBy: "\n").count > 2 * files })
    let handle = try #require(FileHandle(forWritingAtPath: paths[0]))
    handle.seekToEndOfFile()
    handle.write(Data("c\n".utf8))
    try handle.close()
    #expect(child.waitFor { $0.contains(#""message":"c""#) })
    let last = child.outputText.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.contains(#""line":3"#), "\(last)")
  }

  /// The note about a file waited for is worded like every other message: a name with an
  /// escape sequence cannot reach the terminal raw (the note had its own writer).
  @Test func waitingNoteIsOneSafeLine() throws {
    let dir = TempDirectory("logview-note")
    let late = dir.file("late\u{1B}c.log")
    let child = try BinaryHarness(["-f", "-o", "raw", late])
    defer { child.stop() }
    var note = ""
    #expect(
      waitUntil {
        note += String(decoding: child.errors.fileHandleForReading.availableData, as: UTF8.self)
        return note.contains("waiting for it")
      })
    #expect(note.hasPrefix("logview: "))
    #expect(!note.contains("\u{1B}"))
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

  /// tail -F's hard cases, two files at once given as one quoted glob: one that does not
  /// exist yet, one starting with a partial line; deletion and re-creation; a copy-truncate
  /// whose new content already reaches the old size between two looks. Every line exactly once.
  @Test func followWaitsForFilesAndSurvivesDeletionAndRewrites() throws {
    let dir = NSTemporaryDirectory() + "logview-follow2-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let early = dir + "/a-early.log"
    let late = dir + "/b-late.log"
    func line(_ name: String) -> String { #"{"level":"info","msg":"\#(name)"}"# + "\n" }
    func append(_ path: String, _ text: String) throws {
      if !FileManager.default.fileExists(atPath: path) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
      }
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      handle.seekToEndOfFile()
      handle.write(Data(text.utf8))
      try handle.close()
    }
    try (line("e1") + #"{"level":"info","msg":"e"#).write(
      toFile: early, atomically: false, encoding: .utf8)
    // The glob matches only the early file now; the late one is named outright.
    let child = try BinaryHarness(["-f", "-o", "raw", dir + "/a-*.log", late])
    defer { child.stop() }
    #expect(child.waitFor { $0.contains("e1") })
    let waiting = String(
      decoding: child.errors.fileHandleForReading.availableData, as: UTF8.self)
    #expect(waiting.contains("b-late.log does not exist yet; waiting for it"))
    try append(early, "2\"}\n")
    #expect(child.waitFor { $0.contains(#""e2""#) })
    try append(late, line("l1"))
    #expect(child.waitFor { $0.contains("l1") })
    // Deleted, then created again.
    try FileManager.default.removeItem(atPath: late)
    Thread.sleep(forTimeInterval: 0.5)
    try append(late, line("l2"))
    #expect(child.waitFor { $0.contains("l2") })
    // Truncated and rewritten to the same size before logview looks again.
    try line("l3").write(toFile: late, atomically: false, encoding: .utf8)
    #expect(child.waitFor { $0.contains("l3") })
    let lines = child.outputText.split(separator: "\n").map(String.init)
    #expect(
      lines.sorted()
        == [line("e1"), line("e2"), line("l1"), line("l2"), line("l3")].map {
          String($0.dropLast())
        }.sorted(), "got: \(lines)")
  }

  @Test func closedOutputPipeEndsQuietly() throws {
    let path = RepoRoot.fixture("incident/checkout-api.log")
    let child = try BinaryHarness([path])
    try? child.output.fileHandleForReading.close()
    let status = child.waitForExit()
    #expect(status == 0 || status == 1)
    let errors = String(
      decoding: child.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(errors.isEmpty)
  }
}
