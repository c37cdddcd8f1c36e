import Foundation
import LogviewTestSupport
import Testing

/// Log stores over TLS: a certificate the system does not trust is refused in one line, and
/// trusted with --ca-file (HTTPS pages and the wss:// tail alike).
@Suite struct StoreTLSTests {
  /// A self-signed certificate for 127.0.0.1 and its key, in `directory`.
  static func certificate(in directory: TempDirectory) throws -> (certificate: String, key: String)
  {
    let (certificate, key) = (directory.file("cert.pem"), directory.file("key.pem"))
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    openssl.arguments = [
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
      "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out",
      certificate,
    ]
    openssl.standardOutput = FileHandle.nullDevice
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    openssl.waitUntilExit()
    guard openssl.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    return (certificate, key)
  }

  @Test func aPrivateCertificateIsTrustedWithCAFile() throws {
    let directory = TempDirectory()
    let tls = try Self.certificate(in: directory)
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a"], values: StoreEndToEndTests.lines(30, app: "a"))],
      tls: tls)
    let address = "loki+https://\(server.address)?selector={app=\"a\"}"
    let untrusted = RunHarness.run(["--count", address])
    #expect(untrusted.status == 2)
    #expect(untrusted.stderr.contains("--ca-file"), "\(untrusted.stderr)")
    #expect(untrusted.stderr.split(separator: "\n").count == 1, "\(untrusted.stderr)")
    let trusted = RunHarness.run(["--count", "--ca-file", tls.certificate, address])
    #expect(trusted.stdoutText == "30\n", "\(trusted.stderr)")
    let missing = RunHarness.run(["--count", "--ca-file", directory.file("none.pem"), address])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot read the CA file"), "\(missing.stderr)")
  }

  @Test func theLiveTailTrustsTheCAFileToo() throws {
    let directory = TempDirectory()
    let tls = try Self.certificate(in: directory)
    let line = #"{"n":99,"msg":"arrived over wss"}"#
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a"], values: StoreEndToEndTests.lines(3, app: "a"))],
      live: [(500, 0, StoreEndToEndTests.noon + StoreEndToEndTests.second, line)], tls: tls)
    let child = try BinaryHarness([
      "-f", "-o", "raw", "--ca-file", tls.certificate,
      "loki+https://\(server.address)?selector={app=\"a\"}",
    ])
    defer { child.stop() }
    #expect(child.waitFor(seconds: 15) { $0.contains("arrived over wss") }, "\(child.outputText)")
  }

  /// Without a websocket tail (a proxy that does not pass them on), -f polls query_range.
  @Test func followPollsWhenTheTailIsUnavailable() throws {
    let line = #"{"n":99,"msg":"arrived by polling"}"#
    let server = try LokiTestServer(
      streams: [.init(labels: ["app": "a"], values: StoreEndToEndTests.lines(3, app: "a"))],
      live: [(300, 0, StoreEndToEndTests.noon + StoreEndToEndTests.second, line)], noTail: true)
    let child = try BinaryHarness([
      "-f", "-o", "raw", "loki://\(server.address)?selector={app=\"a\"}",
    ])
    defer { child.stop() }
    #expect(child.waitFor(seconds: 20) { $0.contains("arrived by polling") }, "\(child.outputText)")
    Thread.sleep(forTimeInterval: 1.5)
    #expect(child.outputText.components(separatedBy: "arrived by polling").count == 2)
  }
}
