import Foundation
import LogviewTestSupport
import Testing

/// Every kind of input through the one opener, which decides from what the path is and
/// never reads bytes it then loses; and output errors that must not pass in silence.
@Suite struct InputKindsTests {
  static let sample = #"{"level":"info","msg":"hello world"}"# + "\n" + "plain tail\n"

  /// `logview -o raw <(printf ...)`: the /dev/fd path of a pipe. Its first two bytes were
  /// read to look for gzip, then the path was reopened: "llo world".
  @Test func processSubstitutionLosesNothing() throws {
    var fds: [Int32] = [-1, -1]
    #expect(fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) } == 0)
    let bytes = Array(Self.sample.utf8)
    #expect(bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == bytes.count)
    close(fds[1])
    defer { close(fds[0]) }
    let outcome = RunHarness.run(["-o", "raw", "/dev/fd/\(fds[0])"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdoutText == Self.sample)
  }

  /// `cat f | logview -o raw /dev/stdin` lost its first two bytes the same way.
  @Test func devStdinLosesNothing() throws {
    let child = try BinaryHarness(["-o", "raw", "/dev/stdin"])
    defer { child.stop() }
    child.write(Self.sample)
    child.closeInput()
    #expect(child.waitForExit() == 0)
    #expect(child.outputText == Self.sample)
  }

  /// A named FIFO hung: two bytes were read, then the path was opened again.
  @Test func namedFifoIsReadOnce() throws {
    let dir = TempDirectory()
    let path = dir.file("in.fifo")
    #expect(mkfifo(path, 0o600) == 0)
    let child = try BinaryHarness(["-o", "raw", path])
    defer { child.stop() }
    let writer = openFIFOForWriting(path)
    try #require(writer >= 0, "logview never opened the FIFO")
    let bytes = Array(Self.sample.utf8)
    #expect(bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } == bytes.count)
    close(writer)
    #expect(child.waitForExit() == 0)
    #expect(child.outputText == Self.sample)
  }

  /// `cat app.log.gz | logview`: a gzip stream is recognized by its magic bytes (it showed
  /// garbage).
  @Test func gzipStreamOnStandardInput() throws {
    let compressed = try Data(
      contentsOf: URL(fileURLWithPath: RepoRoot.fixture("compressed/payment-service.log.gz")))
    let child = try BinaryHarness(["--count", "-q", "level>=error"])
    defer { child.stop() }
    child.input.fileHandleForWriting.write(compressed)
    child.closeInput()
    #expect(child.waitForExit() == 0)
    #expect(child.outputText == "26\n")
  }

  /// A gzip stream merged with a file is spooled; its first byte arriving alone was written
  /// out before the gzip check saw the second, and the stream was taken for plain text.
  @Test func gzipStreamWhoseFirstByteComesAlone() throws {
    let compressed = try Data(
      contentsOf: URL(fileURLWithPath: RepoRoot.fixture("compressed/payment-service.log.gz")))
    let other = RepoRoot.fixture("incident/inventory.log")
    let child = try BinaryHarness(["--count", "-q", "level>=error", "-", other])
    defer { child.stop() }
    child.input.fileHandleForWriting.write(compressed.prefix(1))
    Thread.sleep(forTimeInterval: 0.2)
    child.input.fileHandleForWriting.write(compressed.dropFirst())
    child.closeInput()
    #expect(child.waitForExit() == 0)
    let alone = RunHarness.run(["--count", "-q", "level>=error", other]).stdoutText
    #expect(child.outputText == "\(26 + (Int(alone.dropLast()) ?? 0))\n")
  }

  /// The same file named twice (or by another path) is read once: it was counted twice.
  @Test func aFileNamedTwiceIsReadOnce() {
    let path = RepoRoot.fixture("incident/inventory.log")
    let once = RunHarness.run(["--count", path]).stdoutText
    #expect(once == "791\n")
    #expect(RunHarness.run(["--count", path, path]).stdoutText == once)
    let other = RepoRoot.url.appendingPathComponent(
      "Fixtures/incident/../incident/inventory.log")
    #expect(RunHarness.run(["--count", path, other.path]).stdoutText == once)
  }

  /// A write error (here a full disk) gets one line and status 2; it passed silently.
  @Test(arguments: [["--count"], ["-o", "raw"], []])
  func writeErrorsAreReported(_ options: [String]) {
    let outcome = RunHarness.run(
      options + [RepoRoot.fixture("incident/inventory.log")], stdoutPath: "/dev/full")
    #expect(outcome.status == 2)
    #expect(outcome.stderr == "logview: cannot write the output: no space left on device\n")
  }
}
