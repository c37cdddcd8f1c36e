import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// osmem-server (PyPI `osmem-server`, an in-memory OpenSearch-compatible server, which
/// .ci/run installs) on 127.0.0.1 and a free port; killed when the value goes away (it also
/// exits when its standard input closes, should the test process die first).
public final class OpenSearchTestServer: @unchecked Sendable {
  public let port: Int
  public var address: String { "127.0.0.1:\(port)" }
  private let server: ServerProcess

  public init() throws {
    server = try ServerProcess(["-addr", "127.0.0.1:0", "-no-ja"], executable: Self.binary())
    // The first line: {"url":"http://127.0.0.1:PORT",...}.
    let object =
      try? JSONSerialization.jsonObject(with: Data(server.firstLine.utf8)) as? [String: Any]
    guard let url = object?["url"] as? String, let colon = url.lastIndex(of: ":"),
      let port = Int(url[url.index(after: colon)...])
    else { throw CocoaError(.fileReadCorruptFile) }
    self.port = port
  }

  /// The bundled binary, as the package's Python module finds it.
  static func binary() throws -> String {
    let finder = Process()
    let output = Pipe()
    finder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    finder.arguments = [
      "python3", "-c", "import osmem_server; print(osmem_server.resolve_binary())",
    ]
    finder.standardOutput = output
    finder.standardError = FileHandle.nullDevice
    try finder.run()
    finder.waitUntilExit()
    let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard finder.terminationStatus == 0, !path.isEmpty else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "osmem-server"])
    }
    return path
  }

  /// Creates `index` with `properties` as its mapping.
  public func createIndex(_ index: String, properties: [String: Any]) throws {
    _ = try request("PUT", "/\(index)", json: ["mappings": ["properties": properties]])
  }

  /// Adds documents (`_id`, source) to `index`, searchable at once.
  public func add(_ index: String, _ documents: [(id: String, source: [String: Any])]) throws {
    for start in stride(from: 0, to: documents.count, by: 5_000) {
      var body = Data()
      for (id, source) in documents[start..<min(start + 5_000, documents.count)] {
        body += try JSONSerialization.data(withJSONObject: ["index": ["_id": id]])
        body += Data("\n".utf8)
        body += try JSONSerialization.data(withJSONObject: source)
        body += Data("\n".utf8)
      }
      let answer = try request("POST", "/\(index)/_bulk?refresh=true", body: body)
      guard (answer["errors"] as? Bool) == false else { throw CocoaError(.fileWriteUnknown) }
    }
  }

  /// One request, its answer's JSON object.
  @discardableResult
  public func request(_ method: String, _ path: String, json: Any) throws -> [String: Any] {
    try request(method, path, body: JSONSerialization.data(withJSONObject: json))
  }

  public func request(_ method: String, _ path: String, body: Data) throws -> [String: Any] {
    var request = URLRequest(url: URL(string: "http://\(address)\(path)")!)
    request.httpMethod = method
    request.httpBody = body
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    nonisolated(unsafe) var result: Result<Data, Error> = .failure(URLError(.unknown))
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: request) { data, _, error in
      result = data.map { .success($0) } ?? .failure(error ?? URLError(.badServerResponse))
      done.signal()
    }.resume()
    done.wait()
    let data = try result.get()
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }
}
