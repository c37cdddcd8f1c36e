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
  private let process = Process()
  private let input = Pipe()
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
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", RepoRoot.url.appendingPathComponent("Tests/Servers/loki_server.py").path, path,
    ]
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let line = String(decoding: output.fileHandleForReading.availableLine(), as: UTF8.self)
    guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      process.terminate()
      throw CocoaError(.fileReadCorruptFile)
    }
    self.port = port
  }

  deinit { stop() }

  public func stop() {
    try? input.fileHandleForWriting.close()
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
  }

  /// The requests it answered: path, query parameters, headers (lowercased names).
  public func requests() throws -> [[String: Any]] {
    let text =
      (try? String(contentsOfFile: directory.file("requests.jsonl"), encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }
}

extension FileHandle {
  /// Bytes up to the first newline (blocking).
  fileprivate func availableLine() -> [UInt8] {
    var line: [UInt8] = []
    while true {
      let byte = readData(ofLength: 1)
      guard let first = byte.first, first != 0x0A else { return line }
      line.append(first)
    }
  }
}
