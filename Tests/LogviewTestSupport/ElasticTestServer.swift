import Foundation

/// Tests/Servers/es_server.py (Elasticsearch's or OpenSearch's REST API as the tests need it,
/// point in time included) on 127.0.0.1 and a free port; stopped when the value goes away.
public final class ElasticTestServer: @unchecked Sendable {
  public let port: Int
  public var address: String { "127.0.0.1:\(port)" }
  private let server: ServerProcess
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
    server = try ServerProcess([
      "python3", RepoRoot.url.appendingPathComponent("Tests/Servers/es_server.py").path, path,
    ])
    port = try server.port()
  }

  /// The requests it answered: method, path, params, headers (lowercased names), body.
  public func requests() throws -> [[String: Any]] {
    try ServerProcess.requests(loggedAt: directory.file("requests.jsonl"))
  }
}
