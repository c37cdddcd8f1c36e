import Foundation

/// A test server's process on 127.0.0.1: started with its standard input held open (the
/// servers exit when it closes, should the test process die first), its first line of
/// output read (the port it listens on, or a JSON object naming it), and killed with SIGKILL
/// when the value goes away (the test runner may ignore SIGTERM, and ignored signals are
/// inherited).
public final class ServerProcess: @unchecked Sendable {
  /// The first line the server printed.
  public let firstLine: String
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()

  /// `arguments` run through /usr/bin/env (e.g. ["python3", script, data]).
  public init(_ arguments: [String], executable: String = "/usr/bin/env") throws {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    firstLine = Self.readLine(output.fileHandleForReading)
    guard !firstLine.isEmpty else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw CocoaError(.fileReadCorruptFile)
    }
  }

  deinit {
    try? input.fileHandleForWriting.close()
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// The port when the first line is one.
  public func port() throws -> Int {
    guard let port = Int(firstLine) else { throw CocoaError(.fileReadCorruptFile) }
    return port
  }

  /// Writes a line to the server and reads its one-line answer (a command protocol).
  public func ask(_ line: Data) -> String {
    input.fileHandleForWriting.write(line + Data("\n".utf8))
    return Self.readLine(output.fileHandleForReading)
  }

  /// Bytes up to the next newline (blocking); "" at the end of output.
  static func readLine(_ handle: FileHandle) -> String {
    var line: [UInt8] = []
    while true {
      let byte = handle.readData(ofLength: 1)
      guard let first = byte.first, first != 0x0A else { break }
      line.append(first)
    }
    return String(decoding: line, as: UTF8.self)
  }

  /// The JSON lines a server appended to `path` (its log of the requests it answered).
  public static func requests(loggedAt path: String) throws -> [[String: Any]] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }
}
