import Testing

@testable import LogviewRemote

struct StoreAddressTests {
  /// text, environment, base URL, display, selector parameter.
  static let valid: [(String, [String: String], String, String, String?)] = [
    ("loki://loki:3100", [:], "http://loki:3100", "loki://loki:3100", nil),
    (
      #"loki://127.0.0.1:3100?selector={app="checkout"}"#, [:], "http://127.0.0.1:3100",
      "loki://127.0.0.1:3100", #"{app="checkout"}"#
    ),
    (
      "loki+https://logs.example.com/prefix/?selector=%7Bapp%3D%22x%22%7D", [:],
      "https://logs.example.com/prefix", "loki+https://logs.example.com/prefix", #"{app="x"}"#
    ),
    (
      "loki://user:s3cret@loki:3100?selector={a=\"b\"}", [:], "http://loki:3100",
      "loki://loki:3100", #"{a="b"}"#
    ),
    (
      "loki:", ["LOKI_ADDR": "https://grafana.example:443"], "https://grafana.example:443",
      "loki+https://grafana.example:443", nil
    ),
    (
      #"loki:?selector={job="api"}"#, ["LOKI_ADDR": "http://localhost:3100"],
      "http://localhost:3100", "loki://localhost:3100", #"{job="api"}"#
    ),
  ]

  @Test(arguments: valid)
  func parses(
    _ text: String, _ environment: [String: String], _ base: String, _ display: String,
    _ selector: String?
  ) throws {
    let address = try StoreAddress(text, environment: environment)
    #expect(address.baseURL == base)
    #expect(address.display == display)
    #expect(address.parameter("selector") == selector)
    #expect(!address.display.contains("s3cret"))
  }

  @Test func journalMatchesKeepTheirOrderAndRepeats() throws {
    let address = try StoreAddress(
      "journal://gw:19531?_SYSTEMD_UNIT=a.service&PRIORITY=3&_SYSTEMD_UNIT=b.service",
      environment: [:])
    #expect(address.kind == .journal)
    #expect(
      address.queryItems.map { "\($0.name)=\($0.value)" } == [
        "_SYSTEMD_UNIT=a.service", "PRIORITY=3", "_SYSTEMD_UNIT=b.service",
      ])
  }

  @Test func userInfoIsKeptForCredentialsOnly() throws {
    let address = try StoreAddress("loki://me:p%40ss@loki:3100", environment: [:])
    #expect(address.user == "me")
    #expect(address.password == "p@ss")
  }

  /// text, a fragment of the message.
  static let invalid: [(String, String)] = [
    ("loki:", "set LOKI_ADDR"),
    ("es:", "no host: give es://HOST:PORT"),
    ("journal:", "no host: give journal://HOST:PORT"),
    ("loki:///nohost", "no host"),
  ]

  @Test(arguments: invalid)
  func refuses(_ text: String, _ fragment: String) {
    #expect {
      try StoreAddress(text, environment: [:])
    } throws: { error in
      "\(error)".contains(fragment)
    }
  }

  @Test(arguments: [
    ("loki://h:1", true), ("loki+https://h", true), ("es://h/i", true), ("LOKI://h", true),
    ("app.log", false), ("./loki:3100", false), ("C:/logs", false), ("-", false),
  ])
  func recognizesStores(_ path: String, _ expected: Bool) {
    #expect(StoreAddress.isStore(path) == expected)
  }

  @Test(arguments: [
    ("loki://user:pw@host:1/x?selector=1", "loki://***@host:1/x?selector=1"),
    ("loki://host:1", "loki://host:1"),
    ("https://a:b@c/d@e", "https://***@c/d@e"),
  ])
  func masksUserInfo(_ text: String, _ expected: String) {
    #expect(StoreAddress.masked(text) == expected)
  }

  @Test(arguments: [
    ("loki://10.0.0.5:3100", "10.0.0.5", true), ("loki://[::1]:3100", "[::1]", true),
    ("loki://loki.example.com:3100", "loki.example.com", false), ("loki://loki", "loki", false),
  ])
  func hostAndWhetherItIsAnAddress(_ text: String, _ host: String, _ isIP: Bool) throws {
    let address = try StoreAddress(text, environment: [:])
    #expect(address.host == host)
    #expect(LokiSource.isIPAddress(address.host) == isIP)
  }
}
