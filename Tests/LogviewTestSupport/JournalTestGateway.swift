import Foundation

/// The real systemd-journal-gatewayd (Debian systemd-journal-remote, which .ci/run installs)
/// serving journal files the test writes, on 127.0.0.1 and a free port; stopped when the
/// value goes away.
public final class JournalTestGateway: @unchecked Sendable {
  public static let gateway = "/lib/systemd/systemd-journal-gatewayd"
  public static let remote = "/lib/systemd/systemd-journal-remote"

  public let port: Int
  public var address: String { "127.0.0.1:\(port)" }
  private let server: ServerProcess
  private let directory = TempDirectory("journal-gateway")
  private var files = 0

  /// `entries`: journal fields per entry; `__REALTIME_TIMESTAMP` (µs) is required.
  public init(entries: [[String: String]]) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.gateway) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: Self.gateway])
    }
    try Self.write(entries, to: directory.file("0.journal"), scratch: directory)
    files = 1
    server = try ServerProcess([
      "python3", RepoRoot.url.appendingPathComponent("Tests/Servers/journal_gateway.py").path,
      directory.path,
    ])
    port = try server.port()
    // The gateway answers once it has opened the journal: wait for that.
    for _ in 0..<100 where !Self.answers(port) { Thread.sleep(forTimeInterval: 0.02) }
  }

  /// More entries in a new journal file, as a journal that grows.
  public func add(_ entries: [[String: String]]) throws {
    try Self.write(entries, to: directory.file("\(files).journal"), scratch: directory)
    files += 1
  }

  private static func write(_ entries: [[String: String]], to path: String, scratch: TempDirectory)
    throws
  {
    var export = ""
    for entry in entries {
      var fields = entry
      // One boot orders its entries by monotonic time: derive it from the wall time, so that
      // entries added later sort after the earlier ones.
      let realtime = Int64(fields["__REALTIME_TIMESTAMP"] ?? "") ?? 0
      fields["__MONOTONIC_TIMESTAMP"] =
        fields["__MONOTONIC_TIMESTAMP"] ?? String(max(1, realtime - 1_700_000_000_000_000))
      fields["_BOOT_ID"] = fields["_BOOT_ID"] ?? "0123456789abcdef0123456789abcdef"
      for (name, value) in fields.sorted(by: { $0.key < $1.key }) { export += "\(name)=\(value)\n" }
      export += "\n"
    }
    let exportPath = scratch.file("entries-\(UUID().uuidString).export")
    try export.write(toFile: exportPath, atomically: true, encoding: .utf8)
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: remote)
    writer.arguments = ["-o", path, exportPath]
    writer.standardError = FileHandle.nullDevice
    try writer.run()
    writer.waitUntilExit()
  }

  private static func answers(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }
}
