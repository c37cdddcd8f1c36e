import Foundation

/// Tests/Servers/es_server.py (Elasticsearch's or OpenSearch's REST API as the tests need it,
/// point in time included) on 127.0.0.1 and a free port; stopped when the value goes away.
public final class ElasticTestServer: @unchecked Sendable {
  public let port: Int
  public var address: String { "127.0.0.1:\(port)" }
  private let process = Process()
  private let input = Pipe()
  private let directory = TempDirectory("es-server")

  /// `indices`: name -> (mapping properties, documents as (_id, _source)). `faults`: answers
  /// given before any real one, one per request ("500", "503", "429", "garbage",
  /// "truncated", "401"). `auth`: the Authorization header required.
  public init(
    distribution: String = "elasticsearch", version: String? = nil,
    indices: [String: (properties: [String: Any], documents: [(String, [String: Any])])],
    maxResultWindow: Int = 10_000, faults: [String] = [], auth: String? = nil
  ) throws {
    var described: [String: Any] = [:]
    for (name, index) in indices {
      described[name] = [
        "mappings": ["properties": index.properties],
        "docs": index.documents.map { ["_id": $0.0, "_source": $0.1] as [String: Any] },
      ]
    }
    let data: [String: Any] = [
      "distribution": distribution, "version": version as Any, "indices": described,
      "max_result_window": maxResultWindow, "faults": faults, "auth": auth as Any,
      "log": directory.file("requests.jsonl"),
    ]
    let path = directory.file("data.json")
    try JSONSerialization.data(withJSONObject: data).write(to: URL(fileURLWithPath: path))
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", RepoRoot.url.appendingPathComponent("Tests/Servers/es_server.py").path, path,
    ]
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    var line: [UInt8] = []
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      guard let first = byte.first, first != 0x0A else { break }
      line.append(first)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      kill(process.processIdentifier, SIGKILL)
      throw CocoaError(.fileReadCorruptFile)
    }
    self.port = port
  }

  deinit {
    try? input.fileHandleForWriting.close()
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// The requests it answered: method, path, params, headers (lowercased names), body.
  public func requests() throws -> [[String: Any]] {
    let text =
      (try? String(contentsOfFile: directory.file("requests.jsonl"), encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }
}
