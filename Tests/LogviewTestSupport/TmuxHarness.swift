import Foundation
import Glibc

/// Drives the real binary inside a private tmux server: keys in, screen text out.
public final class TmuxHarness {
  public static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
      || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
  }

  public let socket = "logview-test-\(UUID().uuidString.prefix(8))"
  public let session = "t"

  /// Starts `command` (a shell command line) in a detached session of the given size.
  public init(_ command: String, width: Int = 120, height: Int = 40) throws {
    // The server this starts keeps the client's descriptors: give it none of our pipes, or
    // reading the client's output would never see end-of-file.
    try tmux(
      ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command],
      capture: false)
  }

  deinit { _ = try? tmux(["kill-server"]) }

  /// Runs a tmux client with posix_spawn and waitpid: Foundation's Process can miss the exit
  /// of a client whose server (a grandchild) keeps running.
  @discardableResult
  public func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
    let outputPath = NSTemporaryDirectory() + "logview-tmux-\(UUID().uuidString)"
    defer { unlink(outputPath) }
    let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, capture ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm-256color"
    environment.removeValue(forKey: "TMUX")
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    let cargs = argv.map { strdup($0) } + [nil]
    defer {
      envp.forEach { free($0) }
      cargs.forEach { free($0) }
    }
    // The test runner blocks and ignores some signals; the server and the programs it runs
    // must start with the defaults, as from a login shell.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, cargs, envp)
    guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    guard capture else { return "" }
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }

  public func send(_ keys: String...) { _ = try? tmux(["send-keys", "-t", session] + keys) }

  /// Types text literally (no key-name interpretation).
  public func type(_ text: String) { _ = try? tmux(["send-keys", "-t", session, "-l", text]) }

  public func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

  public func resize(width: Int, height: Int) {
    _ = try? tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
  }

  /// Polls the screen until `condition` holds or `seconds` pass; returns the last screen.
  @discardableResult
  public func waitFor(seconds: Double = 10, _ condition: (String) -> Bool) -> (Bool, String) {
    let deadline = Date().addingTimeInterval(seconds)
    var text = screen()
    while Date() < deadline {
      if condition(text) { return (true, text) }
      Thread.sleep(forTimeInterval: 0.05)
      text = screen()
    }
    return (condition(text), text)
  }
}
