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
    guard let session = TerminalSession.open() else {
      engine.stop()
      return nil
    }
    let group = SourceGroup(sources)
    defer {
      // The terminal first: stopping a reader may wait for a large file's indexing.
      session.close()
      group.stop()
      engine.stop()
    }
    // Several files (archives too): one timeline, merged by time, then each followed.
    let feed = LiveLogFeed(log: log) {
      engine.catchUp()
      wake.wake()
    }
    group.start(into: feed, .mergeLoadable)
    let correlation = StoreCorrelation(
      paths: settings.paths, options: settings.storeOptions, log: log, feed: feed)
    defer { correlation?.stop() }
    let controller = ExplorerController(
      log: log, engine: engine, options: settings.normalizer,
      palette: Palette(colors: session.colorMode == .colors), filter: settings.interactiveFilter,
      clock: SystemClock.monotonicNanos, wallClock: SystemClock.wallNanos)
    if let correlation { controller.onCorrelate = { correlation.fetch(requestId: $0) } }
    controller.trace = TraceLog(path: settings.tracePath, start: settings.startedAt).map {
      ExplorerTrace(trace: $0)
    }
    return ExplorerLoop.run(controller, session: session, wake: wake)
  }
}
