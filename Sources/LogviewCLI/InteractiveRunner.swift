import Dispatch
import LogviewSources
import LogviewStore
import LogviewSystem
import LogviewTerminal
import LogviewUI

/// Wires the full-screen explorer: the sources feed a LiveLog from reader threads, a
/// FilterEngine keeps the filtered view, the ExplorerController decides what to show and
/// ExplorerLoop runs it on the terminal.
@MainActor
enum InteractiveRunner {
  /// Returns the exit status, or nil when no terminal could be opened (the caller then
  /// prints headless output).
  static func run(_ settings: RunSettings, sources: [LogSource]) -> Int32? {
    let wake = WakePipe()
    SignalBridge.install(wake)
    let log = LiveLog(
      options: settings.normalizer, sources: sources.map(\.name),
      budget: settings.memoryBudget, keepLast: settings.keepLast)
    let engine = FilterEngine(log: log) { wake.wake() }
    // The `/` search's hits, found off the UI thread like the filter's matches.
    let searchEngine = FilterEngine(log: log) { wake.wake() }
    // The records holding secrets and personal data, counted for the status line.
    let findings = (FilterEngine(log: log) { wake.wake() }, FilterEngine(log: log) { wake.wake() })
    guard let session = TerminalSession.open() else {
      // Headless output follows: Ctrl-C and the rest end it as usual.
      SignalBridge.uninstall()
      engine.stop()
      searchEngine.stop()
      findings.0.stop()
      findings.1.stop()
      return nil
    }
    let group = SourceGroup(sources)
    // Several files (archives too): one timeline, merged by time, then each followed.
    let feed = LiveLogFeed(log: log) {
      engine.catchUp()
      wake.wake()
    }
    group.start(into: feed, .mergeLoadable)
    let correlation = StoreCorrelation(
      paths: settings.paths, options: settings.storeOptions, log: log, feed: feed)
    let controller = ExplorerController(
      log: log, engine: engine, searchEngine: searchEngine, options: settings.normalizer,
      palette: Palette(colors: session.colorMode == .colors && settings.color),
      filter: settings.interactiveFilter,
      clock: SystemClock.monotonicNanos, wallClock: wallClock(settings))
    controller.setRows(wrap: settings.wrapRows, hiddenFields: settings.hiddenFields)
    controller.countFindings(secrets: findings.0, pii: findings.1, redact: settings.redact)
    if let correlation { controller.onCorrelate = { correlation.fetch(requestId: $0) } }
    ExplorerHistory.attach(to: controller, environment: ProcessEnvironment.current())
    controller.trace = TraceLog(path: settings.tracePath, start: settings.startedAt).map {
      ExplorerTrace(trace: $0)
    }
    let status = ExplorerLoop.run(controller, session: session, wake: wake)
    // The terminal first, then the signals' own actions (a second Ctrl-C ends the process).
    session.close()
    SignalBridge.uninstall()
    stop(withinMilliseconds: 25) {
      correlation?.stop()
      group.stop()
      engine.stop()
      searchEngine.stop()
      findings.0.stop()
      findings.1.stop()
    }
    return status
  }

  /// The system's wall clock, or one that starts at LOGVIEW_NOW and runs from there.
  static func wallClock(_ settings: RunSettings) -> () -> Int64 {
    guard let pinned = settings.pinnedNow else { return SystemClock.wallNanos }
    let start = SystemClock.monotonicNanos()
    return { pinned + (SystemClock.monotonicNanos() - start) }
  }

  /// Runs `stopping` on a thread of its own and waits for it at most `limit`: a filter thread
  /// inside a slow regular expression, or a reader indexing a large file, sees the stop only
  /// between blocks (seconds, for `/(a+)+$/` at PCRE2's match limit), and q, Ctrl-C and
  /// SIGTERM must end the process within 100 ms. Exiting does not wait for threads.
  static func stop(withinMilliseconds limit: Int, _ stopping: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    _ = ThreadHandle(name: "logview-stop") {
      stopping()
      done.signal()
    }
    _ = done.wait(timeout: .now() + .milliseconds(limit))
  }
}
