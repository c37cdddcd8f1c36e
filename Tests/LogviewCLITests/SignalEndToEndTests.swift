import Foundation
import LogviewTestSupport
import Testing

@_silgen_name("swift_copyAuxiliaryExecutablePath")
private func copyAuxiliaryExecutablePath(_ name: UnsafePointer<CChar>) -> UnsafeMutablePointer<
  CChar
>?

/// Hostile signals in a real terminal (tmux): every signal that would end logview ends the
/// explorer with the terminal restored and nothing drawn over it, and q, Ctrl-C and SIGTERM
/// end it within 100 ms even while the filter thread is deep in a slow regular expression.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct SignalEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }

  /// The Swift backtracer as a toolchain installed beside the binary lets it find it (a
  /// static binary in .build does not), so that a backtrace or its prompt would show.
  static let backtracer: String = {
    guard let path = copyAuxiliaryExecutablePath("swift-backtrace-static") else { return "" }
    defer { free(path) }
    return "SWIFT_BACKTRACE=enable=yes,swift-backtrace=\(String(cString: path))"
  }()

  /// After the program ends the pane shows its status and the terminal's modes (stty).
  static func wrapped(_ command: String) -> String {
    "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent \(backtracer) "
      + #"\#(command); echo EXIT=$?; stty -a | tr ' ;' '\n\n' | grep -xE -- '-?(icanon|echo)'"#
      + #" | tr '\n' ' ' | sed 's/^/MODES=/'; echo; sleep 30"#
  }

  /// The terminal as the shell needs it: canonical input with echo, the normal screen, a
  /// visible cursor, no mouse reporting, and no backtrace or crash prompt on it.
  static func expectRestored(_ tmux: TmuxHarness, status: Int32, _ what: String) {
    let (ended, screen) = tmux.waitFor { $0.contains("EXIT=\(status)") && $0.contains("MODES=") }
    #expect(ended, "\(what): \(screen)")
    #expect(screen.contains("MODES=icanon echo"), "\(what): \(screen)")
    #expect(!screen.contains("FOLLOW"), "\(what): the explorer's screen is still up: \(screen)")
    for trace in ["Backtrac", "crashed", "Press space", "Thread 0"] {
      #expect(!screen.contains(trace), "\(what): \(screen)")
    }
    let flags = try? tmux.tmux([
      "display", "-p", "-t", tmux.session, "#{alternate_on} #{cursor_flag} #{mouse_any_flag}",
    ])
    #expect(flags == "0 1 0\n", "\(what): alternate screen, cursor, mouse: \(flags ?? "")")
  }

  /// Running, and not yet a zombie waiting for the shell to collect it.
  static func alive(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return !stat[close...].hasPrefix(") Z")
  }

  /// Milliseconds until `pid` is gone, after `end` ran.
  static func millisecondsToEnd(_ pid: pid_t, _ end: () -> Void) -> Double {
    let start = Date()
    end()
    while alive(pid), Date().timeIntervalSince(start) < 10 { usleep(1000) }
    return Date().timeIntervalSince(start) * 1000
  }

  /// A private copy of a fixture: its path names this run's process for pgrep.
  static func markedCopy(_ fixture: String) throws -> String {
    let path = NSTemporaryDirectory() + "logview-sig-\(UUID().uuidString).log"
    try FileManager.default.copyItem(atPath: RepoRoot.fixture(fixture), toPath: path)
    return path
  }

  static let endings: [(String, Int32)] = [
    ("QUIT", SIGQUIT), ("USR1", SIGUSR1), ("USR2", SIGUSR2), ("ALRM", SIGALRM),
    ("VTALRM", SIGVTALRM), ("PROF", SIGPROF), ("XCPU", SIGXCPU), ("XFSZ", SIGXFSZ),
    ("SYS", SIGSYS), ("PWR", SIGPWR), ("STKFLT", SIGSTKFLT), ("IO", SIGIO),
    ("RTMIN", __libc_current_sigrtmin()), ("RTMAX", __libc_current_sigrtmax()),
  ]

  /// Each ends the explorer with status 128 + its number, the terminal restored first.
  @Test(arguments: endings)
  func signalEndsTheExplorerWithTheTerminalRestored(name: String, number: Int32) throws {
    let marker = try Self.markedCopy("incident/inventory.log")
    defer { try? FileManager.default.removeItem(atPath: marker) }
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(marker)"), width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("FOLLOW") }.0)
    // Anchored: the tmux server's and the shell's command lines hold the marker too.
    let pid = try #require(ProcessLookup.pid(matching: "^\(Self.binary) \(marker)"))
    #expect(kill(pid, number) == 0)
    Self.expectRestored(tmux, status: 128 + number, "SIG\(name)")
    #expect(!Self.alive(pid))
  }

  /// Ctrl-\ from the keyboard: SIGQUIT, which the Swift runtime would answer with a
  /// backtrace over the screen and a 30 s wait for a key.
  @Test func controlBackslashQuitsWithTheTerminalRestored() throws {
    let marker = try Self.markedCopy("incident/inventory.log")
    defer { try? FileManager.default.removeItem(atPath: marker) }
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(marker)"), width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("FOLLOW") }.0)
    tmux.send("C-\\")
    Self.expectRestored(tmux, status: 131, "Ctrl-\\")
  }

  /// A terminal curses cannot drive (TERM=dumb) falls back to headless output, which Ctrl-C
  /// must still end: the explorer's signal routing is taken away first.
  @Test func headlessFallbackEndsOnControlC() throws {
    let marker = try Self.markedCopy("incident/inventory.log")
    defer { try? FileManager.default.removeItem(atPath: marker) }
    let tmux = try TmuxHarness(
      Self.wrapped("TERM=dumb \(Self.binary) -f \(marker)"), width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("inventory") }.0)
    let pid = try #require(ProcessLookup.pid(matching: "^\(Self.binary) -f \(marker)"))
    let elapsed = Self.millisecondsToEnd(pid) { tmux.send("C-c") }
    #expect(elapsed < 1000, "\(Int(elapsed)) ms")
  }

  /// 5,000 records the filter `/(?=a)(a+)+$/` needs about 2 ms each for (PCRE2 gives up at its
  /// match limit): the filter thread is busy for seconds and looks for a stop only between
  /// blocks of records.
  static func busyLog() throws -> String {
    let path = NSTemporaryDirectory() + "logview-busy-\(UUID().uuidString).log"
    let line = #"{"msg":"\#(String(repeating: "a", count: 40))!"}"# + "\n"
    try String(repeating: line, count: 5000).write(toFile: path, atomically: false, encoding: .utf8)
    return path
  }

  static let quits: [(String, Int32)] = [("q", 0), ("C-c", 130), ("TERM", 143), ("C-\\", 131)]

  @Test(arguments: quits)
  func quitEndsWithin100MillisecondsWhileTheFilterIsBusy(how: String, status: Int32) throws {
    let log = try Self.busyLog()
    defer { try? FileManager.default.removeItem(atPath: log) }
    let tmux = try TmuxHarness(
      Self.wrapped("\(Self.binary) -q '/(?=a)(a+)+$/' \(log)"), width: 100, height: 30)
    #expect(tmux.waitFor { $0.contains("5,000 records") }.0)
    let pid = try #require(ProcessLookup.pid(matching: "^\(Self.binary) .*\(log)"))
    usleep(300_000)  // well into the scan (seconds long)
    let elapsed = Self.millisecondsToEnd(pid) {
      if how == "TERM" { _ = kill(pid, SIGTERM) } else { tmux.send(how) }
    }
    #expect(elapsed < 100, "\(how): \(Int(elapsed)) ms")
    Self.expectRestored(tmux, status: status, how)
  }

  /// Headless output has no terminal to restore: the signals keep their default actions,
  /// which end the run at once whatever the filter is doing.
  @Test(arguments: [("INT", SIGINT), ("TERM", SIGTERM)])
  func headlessRunEndsPromptlyOnSignal(name: String, number: Int32) throws {
    let log = try Self.busyLog()
    defer { try? FileManager.default.removeItem(atPath: log) }
    let tmux = try TmuxHarness(
      Self.wrapped("\(Self.binary) --count -q '/(?=a)(a+)+$/' \(log)"), width: 100, height: 30)
    var pid: pid_t?
    for _ in 0..<100 where pid == nil {
      pid = ProcessLookup.pid(matching: "^\(Self.binary) .*\(log)")
      usleep(20_000)
    }
    let running = try #require(pid)
    usleep(300_000)
    let elapsed = Self.millisecondsToEnd(running) { _ = kill(running, number) }
    #expect(elapsed < 100, "SIG\(name): \(Int(elapsed)) ms")
    #expect(tmux.waitFor { $0.contains("EXIT=\(128 + number)") }.0)
  }
}
