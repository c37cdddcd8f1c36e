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
  private let server: ServerProcess
  private let directory = TempDirectory("moto-server")
  private let lock = NSLock()

  public init() throws {
    server = try ServerProcess([
      "python3", RepoRoot.url.appendingPathComponent("Tests/Servers/moto_logs.py").path,
      directory.file("requests.jsonl"),
    ])
    port = try server.port()
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
    try ServerProcess.requests(loggedAt: directory.file("requests.jsonl"))
  }

  private func send(_ command: [String: Any]) throws {
    lock.lock()
    defer { lock.unlock() }
    let answer = server.ask(try JSONSerialization.data(withJSONObject: command))
    guard answer == "ok" else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: answer])
    }
  }
}
