import Foundation

/// Tests/Servers/loki_server.py on 127.0.0.1 and a free port, serving the streams given;
/// stopped when the value goes away (its standard input closes, then it is terminated).
public final class LokiTestServer: @unchecked Sendable {
  public struct Stream: Sendable {
    public var labels: [String: String]
    /// (nanoseconds, line), in time order.
    public var values: [(Int64, String)]

    public init(labels: [String: String], values: [(Int64, String)]) {
      self.labels = labels
      self.values = values
    }
  }

  public let port: Int
  public var address: String { "127.0.0.1:\(port)" }
  private let server: ServerProcess
  private let directory = TempDirectory("loki-server")

  /// `faults`: answers given before any real one, one per request ("500", "503", "429",
  /// "garbage", "truncated"). `auth`: the Authorization header required, else 401.
  /// `live`: (milliseconds after start, stream index, nanoseconds, line) added to a stream
  /// then, for the websocket tail; `tailCloseMilliseconds`: the server ends each tail
  /// connection that long after it opened.
  public init(
    streams: [Stream], maxEntries: Int = 5000, faults: [String] = [], auth: String? = nil,
    live: [(Int, Int, Int64, String)] = [], tailCloseMilliseconds: Int? = nil,
    tls: (certificate: String, key: String)? = nil, noTail: Bool = false
  ) throws {
    let data: [String: Any] = [
      "streams": streams.map { stream in
        [
          "stream": stream.labels,
          "values": stream.values.map { [String($0.0), $0.1] },
        ] as [String: Any]
      },
      "max_entries": maxEntries, "faults": faults, "auth": auth as Any,
      "log": directory.file("requests.jsonl"),
      "live": live.map { [$0.0, $0.1, $0.2, $0.3] as [Any] },
      "tail_close_ms": tailCloseMilliseconds as Any,
      "no_tail": noTail,
      "tls": tls.map { ["cert": $0.certificate, "key": $0.key] } as Any,
    ]
    let path = directory.file("data.json")
    try JSONSerialization.data(withJSONObject: data).write(to: URL(fileURLWithPath: path))
    server = try ServerProcess([
      "python3", RepoRoot.url.appendingPathComponent("Tests/Servers/loki_server.py").path, path,
    ])
    port = try server.port()
  }

  /// The requests it answered: path, query parameters, headers (lowercased names).
  public func requests() throws -> [[String: Any]] {
    try ServerProcess.requests(loggedAt: directory.file("requests.jsonl"))
  }
}
