import Foundation
import LogviewTestSupport
import Testing

/// The explorer in a real terminal (tmux): follow, filter, correlation, resize, quit.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct InteractiveEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }
  static func fixture(_ name: String) -> String { RepoRoot.fixture(name) }

  /// After the program ends the pane shows this marker with its exit status. Histories go
  /// to a scratch state directory, not the user's.
  static func wrapped(_ command: String) -> String {
    "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent "
      + "XDG_STATE_HOME=\(NSTemporaryDirectory())logview-e2e-state \(command); echo EXIT=$?; sleep 30"
  }

  @Test func followsAGrowingPipeLive() throws {
    let dir = NSTemporaryDirectory() + "logview-e2e-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let log = dir + "/live.log"
    try (#"{"level":"info","msg":"first line","service":"api"}"# + "\n").write(
      toFile: log, atomically: false, encoding: .utf8)
    let tmux = try TmuxHarness(Self.wrapped("tail -n +1 -f \(log) | \(Self.binary)"))
    #expect(tmux.waitFor { $0.contains("first line") }.0)
    #expect(tmux.screen().contains("FOLLOW"))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    handle.seekToEndOfFile()
    handle.write(Data((#"{"level":"error","msg":"arrived later","service":"api"}"# + "\n").utf8))
    try handle.close()
    let (seen, screen) = tmux.waitFor { $0.contains("arrived later") }
    #expect(seen, "screen:\n\(screen)")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  /// NO_COLOR and --color never give the monochrome palette (bold, dim, reverse), as headless
  /// output already did; by default the levels are colored.
  @Test(arguments: [("", true), ("NO_COLOR=1", false), ("--color never", false)])
  func colorFollowsNoColorAndTheColorOption(_ setting: String, _ colored: Bool) throws {
    // The test runner's own environment may hold NO_COLOR: each case says it or removes it.
    let environment = setting.hasPrefix("NO_COLOR") ? setting : "-u NO_COLOR"
    let option = setting.hasPrefix("--") ? setting : ""
    let tmux = try TmuxHarness(
      Self.wrapped(
        "env \(environment) \(Self.binary) \(option) \(Self.fixture("formats/pino.log"))"))
    #expect(tmux.waitFor { $0.contains("Server listening") }.0)
    let cells = try tmux.tmux(["capture-pane", "-p", "-e", "-t", tmux.session])
    // Foreground colors: ESC [ 30-37, 90-97 or 38;5;N m.
    let hasColor = cells.contains(/\x1B\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;5;[0-9]+)m/)
    #expect(hasColor == colored, "\(setting): \(cells.debugDescription.prefix(300))")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  /// Pausing while a large file is still being indexed: the records indexed afterwards were
  /// in the file all along, not "new" (an unchanged 1M-line file showed "80,408 new").
  @Test func recordsOfTheFirstIndexingAreNotNew() throws {
    let dir = TempDirectory()
    let path = dir.path + "/big.log"
    let line = #"{"level":"info","msg":"record number","service":"api","n":1}"# + "\n"
    try String(repeating: line, count: 400_000).write(
      toFile: path, atomically: true, encoding: .utf8)
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(path)"), width: 160)
    let (indexing, early) = tmux.waitFor { $0.contains("indexing") && $0.contains("record number") }
    try #require(indexing, "no indexing to pause during:\n\(early)")
    tmux.send("Up")
    let (done, screen) = tmux.waitFor(seconds: 60) {
      $0.contains("400,000 records") && !$0.contains("indexing")
    }
    #expect(done, "screen:\n\(screen)")
    #expect(screen.contains("PAUSED"), "screen:\n\(screen)")
    #expect(!screen.contains(" new ·"), "screen:\n\(screen)")
    // A record that does arrive is new.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(line.utf8))
    try handle.close()
    #expect(tmux.waitFor { $0.contains("1 new · PAUSED") }.0)
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  @Test func typingAFilterNarrowsTheRows() throws {
    let files = ["incident/checkout-api.log", "incident/payment-service.log"].map(Self.fixture)
      .joined(separator: " ")
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(files)"))
    #expect(tmux.waitFor { $0.contains("1,957 records") }.0)
    tmux.send("f")
    tmux.type("level>=error service=checkout-api")
    let (narrowed, screen) = tmux.waitFor { text in
      let rows = text.split(separator: "\n").dropFirst().dropLast()
      let recordRows = rows.filter {
        $0.contains(":") && ($0.contains("INFO") || $0.contains("ERROR") || $0.contains("WARN"))
      }
      return !recordRows.isEmpty && recordRows.allSatisfy { $0.contains("ERROR") }
    }
    #expect(narrowed, "screen:\n\(screen)")
    tmux.send("Enter")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  @Test func correlationViewForAKnownRequest() throws {
    let files = [
      "incident/checkout-api.log", "incident/payment-service.log", "incident/inventory.log",
      "incident/email-worker.log",
    ].map(Self.fixture).joined(separator: " ")
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(files)"))
    // All four files merged and loaded.
    #expect(tmux.waitFor { $0.contains("3,292 records") }.0)
    tmux.send("g")
    tmux.send("/")
    tmux.type("req_7f42a9c1")
    tmux.send("Enter")
    tmux.send("c")
    let (opened, screen) = tmux.waitFor {
      $0.contains("request req_7f42a9c1") && $0.contains("6 records")
    }
    #expect(opened, "screen:\n\(screen)")
    #expect(screen.contains("payment-service"))
    #expect(screen.contains("+0 ms"))
    tmux.send("Escape")
    #expect(tmux.waitFor { !$0.contains("request req_7f42a9c1 ·") }.0)
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  /// `c` on a record read from a store asks the store for the rest of its request: the
  /// filter (a word, sent to Loki as a line filter) loaded only the errors; the correlation
  /// view gets the request's info lines too.
  @Test func correlationReachesIntoAStore() throws {
    let noon: Int64 = 1_710_504_000_000_000_000
    let values = (0..<30).map { i in
      (
        noon - 600_000_000_000 + Int64(i) * 1_000_000_000,
        #"{"level":"\#(i < 2 ? "error" : "info")","msg":"step \#(i)","requestId":"req_\#(i % 3)"}"#
      )
    }
    let server = try LokiTestServer(streams: [.init(labels: ["app": "a"], values: values)])
    let source = "'loki://\(server.address)?selector={app=\"a\"}'"
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) -q error \(source)"))
    #expect(tmux.waitFor { $0.contains("step 1") }.0)
    tmux.send("g")
    tmux.send("c")
    let (opened, screen) = tmux.waitFor {
      $0.contains("request req_0") && $0.contains("10 records") && $0.contains("step 27")
    }
    #expect(opened, "screen:\n\(screen)")
    // The record already read is not shown twice.
    #expect(screen.components(separatedBy: "step 0\u{20}").count <= 2, "screen:\n\(screen)")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  @Test func resizeRedrawsAndSignalsRestoreTheTerminal() throws {
    let tmux = try TmuxHarness(
      Self.wrapped("\(Self.binary) \(Self.fixture("incident/inventory.log"))"), width: 100,
      height: 30)
    #expect(tmux.waitFor { $0.contains("FOLLOW") }.0)
    tmux.resize(width: 150, height: 40)
    let (wide, screen) = tmux.waitFor { text in
      text.split(separator: "\n").first.map { $0.count > 110 } == true
    }
    #expect(wide, "screen:\n\(screen)")
    tmux.resize(width: 20, height: 5)
    #expect(tmux.waitFor { $0.contains("too small") }.0)
    tmux.resize(width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("FOLLOW") }.0)
    tmux.send("C-c")
    let (ended, after) = tmux.waitFor { $0.contains("EXIT=130") }
    #expect(ended, "screen:\n\(after)")
    // The explorer's screen is gone: the shell's output is back.
    #expect(!after.contains("FOLLOW"))
  }

  /// SIGBUS that is not a truncated mapping ends the process as a crash: the truncation
  /// guard and the terminal's crash restore used to hand it to each other forever.
  @Test func signalsRestoreTheTerminalWithTheirStatus() throws {
    for (signal, status) in [("TERM", 143), ("HUP", 129), ("BUS", 135)] {
      // A private copy of a fixture names this process uniquely for pkill.
      let marker = NSTemporaryDirectory() + "logview-sig-\(UUID().uuidString).log"
      try FileManager.default.copyItem(
        atPath: Self.fixture("incident/inventory.log"), toPath: marker)
      defer { try? FileManager.default.removeItem(atPath: marker) }
      let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(marker)"), width: 100, height: 30)
      #expect(tmux.waitFor { $0.contains("FOLLOW") }.0)
      let kill = Process()
      kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
      // Anchored: the tmux server's and the shell's command lines hold the marker too.
      kill.arguments = ["-\(signal)", "-f", "^\(Self.binary) \(marker)"]
      try kill.run()
      let (ended, screen) = tmux.waitFor { $0.contains("EXIT=\(status)") }
      #expect(ended, "SIG\(signal): \(screen)")
      #expect(!screen.contains("FOLLOW"))
    }
  }

  /// A closed terminal window (the pty goes away) must end logview, not leave it spinning.
  @Test func exitsWhenTheTerminalGoesAway() throws {
    let marker = NSTemporaryDirectory() + "logview-hup-\(UUID().uuidString).log"
    try FileManager.default.copyItem(atPath: Self.fixture("incident/inventory.log"), toPath: marker)
    defer { try? FileManager.default.removeItem(atPath: marker) }
    var tmux: TmuxHarness? = try TmuxHarness("\(Self.binary) \(marker)", width: 100, height: 30)
    #expect(tmux?.waitFor { $0.contains("FOLLOW") }.0 == true)
    // The pattern must find it while the terminal is there, or the check below proves nothing.
    #expect(Self.processRunning(matching: "^\(Self.binary) \(marker)"))
    tmux = nil  // kills the server and with it the terminal
    let deadline = Date().addingTimeInterval(5)
    var running = true
    while running && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.1)
      running = Self.processRunning(matching: "^\(Self.binary) \(marker)")
    }
    #expect(!running, "logview kept running after its terminal went away")
    if running { _ = Self.processRunning(matching: "^\(Self.binary) \(marker)", kill: true) }
  }

  static func processRunning(matching pattern: String, kill: Bool = false) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: kill ? "/usr/bin/pkill" : "/usr/bin/pgrep")
    process.arguments = (kill ? ["-9"] : []) + ["-f", pattern]
    process.standardOutput = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
