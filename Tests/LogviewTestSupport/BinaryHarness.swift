import Foundation
import Glibc

/// Runs the built logview executable as a child process (for stdin, follow and pipe tests).
public final class BinaryHarness: @unchecked Sendable {
  public static var executable: URL {
    // The test bundle sits beside the products of the same build.
    let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
    for candidate in [
      bundleDir, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ] {
      let url = candidate.appendingPathComponent("logview")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return RepoRoot.url.appendingPathComponent(".build/debug/logview")
  }

  public let process = Process()
  public let input = Pipe()
  public let output = Pipe()
  public let errors = Pipe()
  private let lock = NSLock()
  private var collected = Data()

  /// `environment` is added to the pinned one (no configuration file, a fixed now).
  public init(_ arguments: [String], environment: [String: String] = [:]) throws {
    process.executableURL = Self.executable
    process.arguments = arguments
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    process.environment = [
      "XDG_CONFIG_HOME": "/nonexistent-logview-test", "LOGVIEW_NOW": "2024-03-15T12:00:00Z",
    ].merging(environment) { _, given in given }
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self else { return }
      self.lock.lock()
      self.collected.append(data)
      self.lock.unlock()
    }
    try process.run()
  }

  public var outputText: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: collected, as: UTF8.self)
  }

  public func write(_ text: String) {
    input.fileHandleForWriting.write(Data(text.utf8))
  }

  /// Writes `bytes` to standard input in odd-sized pieces (1, 4, 13, ... modulo `cycle`), so
  /// reads split lines, records and UTF-8 sequences anywhere.
  public func writeInPieces(_ bytes: Data, cycle: Int) {
    var offset = 0
    var size = 1
    while offset < bytes.count {
      let end = min(bytes.count, offset + size)
      input.fileHandleForWriting.write(bytes[offset..<end])
      offset = end
      size = size * 3 % cycle + 1
    }
  }

  public func closeInput() { try? input.fileHandleForWriting.close() }

  /// Polls until `condition` holds on the output so far, or `seconds` pass.
  public func waitFor(seconds: Double = 10, _ condition: (String) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition(outputText) { return true }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return condition(outputText)
  }

  public func waitForExit(seconds: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { return nil }
    Thread.sleep(forTimeInterval: 0.05)
    return process.terminationStatus
  }

  public func stop() {
    // SIGKILL: the test runner may ignore SIGTERM, and ignored signals are inherited.
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    output.fileHandleForReading.readabilityHandler = nil
  }
}
