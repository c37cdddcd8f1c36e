import Foundation

/// moto's CloudWatch Logs (Tests/Servers/moto_logs.py, which .ci/run's moto[server] serves)
/// on 127.0.0.1 and a free port, with log groups, streams and events the test puts there;
/// killed when the value goes away.
public final class MotoServer: @unchecked Sendable {
  public let port: Int
  public var endpoint: String { "http://127.0.0.1:\(port)" }
  /// What logview needs to reach it: dummy credentials (moto checks no signature) and the
  /// endpoint.
  public var environment: [String: String] {
    [
      "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing-secret-key",
      "AWS_ENDPOINT_URL": endpoint,
    ]
  }
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let directory = TempDirectory("moto-server")
  private let lock = NSLock()

  public init() throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", RepoRoot.url.appendingPathComponent("Tests/Servers/moto_logs.py").path,
      directory.file("requests.jsonl"),
    ]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    guard let port = Int(Self.readLine(output)) else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw CocoaError(.fileReadCorruptFile)
    }
    self.port = port
  }

  deinit {
    // SIGKILL: the test runner may ignore SIGTERM, and ignored signals are inherited.
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// Creates the group (and the stream) if new and puts `events` (milliseconds, message),
  /// in time order, in batches.
  public func put(
    group: String, stream: String? = nil, events: [(Int64, String)] = [],
    region: String = "us-east-1"
  ) throws {
    var start = 0
    repeat {
      let batch = events[start..<min(start + 5000, events.count)]
      var command: [String: Any] = ["group": group, "region": region]
      if let stream { command["stream"] = stream }
      command["events"] = batch.map { [$0.0, $0.1] as [Any] }
      try send(command)
      start += 5000
    } while start < events.count
  }

  /// The next FilterLogEvents calls are answered so: "throttle" (a 400 ThrottlingException),
  /// "garbage" (a body cut short) or an HTTP status.
  public func fail(_ faults: [String]) throws { try send(["faults": faults]) }

  /// The FilterLogEvents requests answered: body, whether signed, session token.
  public func requests() throws -> [[String: Any]] {
    let text =
      (try? String(contentsOfFile: directory.file("requests.jsonl"), encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  private func send(_ command: [String: Any]) throws {
    lock.lock()
    defer { lock.unlock() }
    var data = try JSONSerialization.data(withJSONObject: command)
    data.append(0x0A)
    input.fileHandleForWriting.write(data)
    let answer = Self.readLine(output)
    guard answer == "ok" else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: answer])
    }
  }

  /// The helper's next line of output (blocking).
  private static func readLine(_ output: Pipe) -> String {
    var line: [UInt8] = []
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      guard let first = byte.first, first != 0x0A else { break }
      line.append(first)
    }
    return String(decoding: line, as: UTF8.self)
  }
}
