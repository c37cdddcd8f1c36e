import ArgumentParser
import Glibc
import LogviewCore
import LogviewPipeline
import LogviewRemote
import LogviewSources
import LogviewSystem

/// The program: parse arguments, resolve settings, run. Exit status 0 when records matched,
/// 1 when none did, 2 on any usage error (one line on stderr, never a stack trace).
public enum LogviewMain {
  /// Where a run reads and writes; tests pass files instead of the terminal.
  public struct IO: Sendable {
    public var stdout: Int32
    public var stderr: Int32
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool

    public init(stdout: Int32, stderr: Int32, stdinIsTerminal: Bool, stdoutIsTerminal: Bool) {
      self.stdout = stdout
      self.stderr = stderr
      self.stdinIsTerminal = stdinIsTerminal
      self.stdoutIsTerminal = stdoutIsTerminal
    }

    public static var process: IO {
      IO(
        stdout: STDOUT_FILENO, stderr: STDERR_FILENO, stdinIsTerminal: isatty(STDIN_FILENO) == 1,
        stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
    }
  }

  public static func run(
    _ arguments: [String], environment: [String: String], io: IO = .process
  ) -> Int32 {
    // A closed output pipe must not kill us silently mid-write: a write then fails with EPIPE.
    signal(SIGPIPE, SIG_IGN)
    // Ctrl-\ quits; the Swift runtime's handler would print a backtrace instead and, on a
    // terminal, wait 30 s for a key. (The explorer routes it to its own exit.)
    SignalAction.reset(SIGQUIT)
    let startedAt = SystemClock.wallNanos()
    let command: LogviewCommand
    do {
      command = try LogviewCommand.parse(arguments)
    } catch {
      if LogviewCommand.exitCode(for: error) == .success {
        writeAll(io.stdout, LogviewCommand.fullMessage(for: error) + "\n")
        return 0
      }
      return fail(LogviewCommand.message(for: error) + " (see logview --help)", io: io)
    }
    do {
      var settings = try RunSettings.resolve(
        command, environment: environment, stdinIsTerminal: io.stdinIsTerminal,
        stdoutIsTerminal: io.stdoutIsTerminal, now: now(environment))
      settings.startedAt = startedAt
      if settings.explain { return try explain(settings, io: io) }
      if settings.interactive, let status = try runInteractive(settings) {
        return status
      }
      let matched = try runHeadless(settings, io: io)
      return matched > 0 ? 0 : 1
    } catch {
      return fail(error.message, io: io)
    }
  }

  /// nil when no terminal could be opened: fall back to headless output.
  static func runInteractive(_ settings: RunSettings) throws(LogviewError) -> Int32? {
    let sources: [LogSource]
    do {
      // The explorer follows every file; -f also waits for files that do not exist yet.
      sources = try SourceOpener.open(
        settings.paths, follow: true, awaitMissing: settings.follow, stores: settings.stores)
    } catch {
      throw .source(error)
    }
    return MainActor.assumeIsolated { InteractiveRunner.run(settings, sources: sources) }
  }

  /// --explain: one line per source, the query a store is sent and what stays with logview.
  static func explain(_ settings: RunSettings, io: IO) throws(LogviewError) -> Int32 {
    let sources: [LogSource]
    do {
      sources = try SourceOpener.open(
        settings.paths, follow: false, awaitMissing: true, stores: settings.stores)
    } catch {
      throw .source(error)
    }
    for source in sources {
      let line = StoreSources.explain(source) ?? "\(source.name): read whole, filtered by logview"
      writeAll(io.stdout, MessageText.safe(line) + "\n")
    }
    return 0
  }

  static func runHeadless(_ settings: RunSettings, io: IO) throws(LogviewError) -> Int {
    do {
      let stderr = io.stderr
      return try HeadlessRun(options: settings.headless, output: io.stdout) {
        note($0, to: stderr)
      }.run()
    } catch {
      switch error {
      case .source(let error): throw .source(error)
      case .output(let error): throw .output(error)
      case .bundle(let error): throw .file(error)
      }
    }
  }

  static func fail(_ message: String, io: IO) -> Int32 {
    note(message, to: io.stderr)
    return 2
  }

  /// The one way a message reaches stderr: one line, secrets masked, controls escaped.
  static func note(_ message: String, to fd: Int32) {
    writeAll(fd, "logview: " + MessageText.safe(message) + "\n")
  }

  static func writeAll(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n <= 0 { return }
      offset += n
    }
  }

  /// LOGVIEW_NOW (RFC 3339) pins "now" for relative times and year-less timestamps, so tests
  /// and examples give the same output every day.
  static func now(_ environment: [String: String]) -> Int64 {
    if let pinned = environment["LOGVIEW_NOW"] {
      let parsed = Array(pinned.utf8).withUnsafeBytes {
        TimestampParser.parse($0, naiveZone: .utc)
      }
      if let parsed { return parsed }
    }
    return SystemClock.wallNanos()
  }

}
