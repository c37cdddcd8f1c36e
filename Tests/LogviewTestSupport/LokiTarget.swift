import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Where a Loki test runs: the test server (Tests/Servers/loki_server.py), or a real Loki
/// named by LOGVIEW_TEST_LOKI_URL (e.g. http://127.0.0.1:3100; LOKI_ORG_ID, LOKI_USERNAME,
/// LOKI_PASSWORD and LOKI_BEARER_TOKEN are used as logview uses them). On a real Loki the
/// streams are pushed with a label unique to the test (`logview_test`) and their times moved
/// to the last hour (Loki refuses old samples); "now" moves with them.
public final class LokiTarget: @unchecked Sendable {
  public static let realURL = ProcessInfo.processInfo.environment["LOGVIEW_TEST_LOKI_URL"]

  /// "test server", and "real Loki" when LOGVIEW_TEST_LOKI_URL is set.
  public static var kinds: [String] { ["test server"] + (realURL == nil ? [] : ["real Loki"]) }

  /// The test server, when the target is it (for its request log).
  public let server: LokiTestServer?
  /// For RunHarness and BinaryHarness: LOGVIEW_NOW and any Loki credentials.
  public let environment: [String: String]
  private let base: String
  private let runLabel: String?

  public init(_ kind: String, streams: [LokiTestServer.Stream]) throws {
    guard kind == "real Loki", let url = Self.realURL else {
      let server = try LokiTestServer(streams: streams)
      self.server = server
      base = "loki://\(server.address)"
      runLabel = nil
      environment = ["LOGVIEW_NOW": "2024-03-15T12:00:00Z"]
      return
    }
    server = nil
    base = url.replacingOccurrences(of: "https://", with: "loki+https://")
      .replacingOccurrences(of: "http://", with: "loki://")
    let id = UUID().uuidString.prefix(12).lowercased()
    runLabel = String(id)
    // Times move by whole seconds so that the pinned noon maps to a second of the last minute.
    let noon: Int64 = 1_710_504_000
    let shift = (Int64(Date().timeIntervalSince1970) - 60 - noon) * 1_000_000_000
    var environment = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("LOKI_") }
    let formatter = ISO8601DateFormatter()
    environment["LOGVIEW_NOW"] = formatter.string(
      from: Date(timeIntervalSince1970: Double(noon + shift / 1_000_000_000)))
    self.environment = environment
    try Self.push(streams, to: url, label: String(id), shift: shift, environment: environment)
  }

  /// The stream selector for `matchers` (e.g. `app="c"`), limited to this test's streams.
  public func selector(_ matchers: String) -> String {
    let all = [matchers, runLabel.map { #"logview_test="\#($0)""# }].compactMap { $0 }
      .filter { !$0.isEmpty }
    return "{" + all.joined(separator: ",") + "}"
  }

  /// The source for `matchers`; with nil, no selector (derived from the filter) on the test
  /// server and only the test's label on a real Loki.
  public func source(_ matchers: String?) -> String {
    guard let matchers else {
      return runLabel == nil ? base : base + "?selector=" + selector("")
    }
    return base + "?selector=" + selector(matchers)
  }

  private static func push(
    _ streams: [LokiTestServer.Stream], to url: String, label: String, shift: Int64,
    environment: [String: String]
  ) throws {
    let body: [String: Any] = [
      "streams": streams.map { stream in
        [
          "stream": stream.labels.merging(["logview_test": label]) { a, _ in a },
          "values": stream.values.map { [String($0.0 + shift), $0.1] },
        ] as [String: Any]
      }
    ]
    var request = URLRequest(url: URL(string: url + "/loki/api/v1/push")!)
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: body)
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    if let org = environment["LOKI_ORG_ID"] {
      request.setValue(org, forHTTPHeaderField: "X-Scope-OrgID")
    }
    if let token = environment["LOKI_BEARER_TOKEN"] {
      request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
    } else if let user = environment["LOKI_USERNAME"] {
      let pair = Data((user + ":" + (environment["LOKI_PASSWORD"] ?? "")).utf8)
      request.setValue("Basic " + pair.base64EncodedString(), forHTTPHeaderField: "Authorization")
    }
    nonisolated(unsafe) var failure: Error?
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: request) { _, response, error in
      let status = (response as? HTTPURLResponse)?.statusCode ?? 0
      if let error {
        failure = error
      } else if status / 100 != 2 {
        failure = URLError(.badServerResponse)
      }
      done.signal()
    }.resume()
    done.wait()
    if let failure { throw failure }
    // Loki answers queries on what its ingesters hold; give them a moment.
    Thread.sleep(forTimeInterval: 2)
  }
}
