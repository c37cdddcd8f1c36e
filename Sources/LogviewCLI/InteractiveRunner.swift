import Glibc
import LogviewCore
import LogviewQuery
import LogviewSources
import LogviewStore
import LogviewSystem
import LogviewTerminal
import LogviewUI

/// The full-screen explorer: reader threads feed a LiveLog, a FilterEngine keeps the filtered
/// view, and this loop sleeps in poll() on the terminal and a wake pipe, redrawing only when
/// something happened.
@MainActor
final class InteractiveRunner {
  /// How long typing must pause before the filter is re-applied.
  static let debounceNanos: Int64 = 60_000_000
  /// While input pours in, at most one frame per this long (about 30 a second): drawing each
  /// append would take the cores the ingest needs. Keys are answered at once.
  static let busyFrameNanos: Int64 = 33_000_000

  let settings: RunSettings
  let pipe = WakePipe()
  let log: LiveLog
  let engine: FilterEngine
  let group: SourceGroup
  var state = AppState()
  var rate = RateMeter()
  var lastArrival: Int64 = 0
  var lastCount = 0
  var filterTextSeen = ""
  var filterEditedAt: Int64?
  var trace: ExplorerTrace?
  var lastFrameAt: Int64 = 0
  var framePending = false
  var answerKeys = true
  /// While a new filter's results fill in (newest first, older ones prepended), the record
  /// a paused view stays on; dropped once complete or when the user moves.
  var filterAnchor: Int?

  init(settings: RunSettings, sources: [LogSource]) {
    self.settings = settings
    group = SourceGroup(sources)
    let names = sources.map(\.name)
    log = LiveLog(
      options: settings.normalizer, sources: names, memoryCap: settings.memoryCap,
      keepLast: settings.keepLast)
    let wake = pipe
    engine = FilterEngine(log: log) { wake.wake() }
    trace = ExplorerTrace(settings: settings)
  }

  /// Runs the explorer; returns the exit status, or nil when no terminal could be opened
  /// (the caller then prints headless output).
  func run() throws(LogviewError) -> Int32? {
    SignalBridge.install(pipe)
    let wake = pipe
    let engine = self.engine
    let onAppend: @Sendable () -> Void = {
      engine.catchUp()
      wake.wake()
    }
    guard let session = TerminalSession.open() else {
      engine.stop()
      return nil
    }
    // Several files (archives too): one timeline, merged by time, then each followed.
    group.start(into: LiveLogFeed(log: log, onAppend: onAppend), .mergeLoadable)
    defer {
      session.close()
      group.stop()
      engine.stop()
    }
    state.filterEditor.set(settings.interactiveFilter)
    filterTextSeen = settings.interactiveFilter
    applyFilter(settings.interactiveFilter, data: nil)
    let data = ViewData(log: log, options: settings.normalizer, snapshot: engine.snapshot())
    let view = AppView(palette: Palette(colors: session.colorMode == .colors), zone: settings.zone)
    return loop(session: session, data: data, view: view)
  }

  private func loop(session: TerminalSession, data: ViewData, view: AppView) -> Int32 {
    while true {
      refresh(data: data, screen: session.screen)
      if state.quit { return 0 }
      let now = SystemClock.wallNanos()
      if answerKeys || now - lastFrameAt >= Self.busyFrameNanos {
        let frame = view.render(
          state: state, data: data, rate: rate, width: session.screen.width,
          height: session.screen.height)
        session.screen.present(frame)
        trace?.drew(rows: data.rowCount, log: log)
        lastFrameAt = now
        framePending = false
      } else {
        framePending = true
      }

      let ready = Poller.wait(
        [session.inputDescriptor, pipe.readDescriptor], timeoutMilliseconds: timeout())
      var resized = false
      if ready.count > 1, ready[1] {
        for signal in pipe.drain() where signal != 0 {
          switch Int32(signal) {
          case SIGWINCH:
            session.resize()
            resized = true
          case SIGINT: return 130
          case SIGTERM: return 143
          case SIGHUP: return 129
          default: break
          }
        }
      }
      let keys = session.readKeys()
      answerKeys = resized || !keys.isEmpty
      if ready.first == true, keys.isEmpty, Self.hungUp(session.inputDescriptor) {
        // The terminal went away (window closed, ssh dropped): leave instead of spinning.
        return 129
      }
      for key in keys {
        if key == .resize {
          session.resize()
          continue
        }
        let layout = Layout(
          width: session.screen.width, height: session.screen.height, state: state)
        let selected = state.stream.selected
        Reducer.handle(key, state: &state, data: data, layout: layout)
        // The user moved: the new filter's results need not bring the old record back.
        if state.stream.selected != selected { filterAnchor = nil }
        if state.quit { break }
      }
    }
  }

  /// True when the terminal descriptor reports hang-up or an error.
  static func hungUp(_ descriptor: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, 0) >= 0 else { return true }
    return entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  /// Sleep forever when idle; wake for a pending filter, or to roll the rate display while
  /// records arrived recently.
  private func timeout() -> Int? {
    let now = SystemClock.wallNanos()
    if framePending {
      return max(1, Int((lastFrameAt + Self.busyFrameNanos - now) / 1_000_000))
    }
    if let edited = filterEditedAt {
      return max(1, Int((edited + Self.debounceNanos - now) / 1_000_000))
    }
    if lastArrival > 0, now - lastArrival < 16_000_000_000 { return 1000 }
    return nil
  }

  /// Pulls new results into the view and applies a debounced filter edit.
  private func refresh(data: ViewData, screen: Screen) {
    let now = SystemClock.wallNanos()
    if state.filterEditor.text != filterTextSeen {
      filterTextSeen = state.filterEditor.text
      filterEditedAt = now
    }
    if let edited = filterEditedAt, now - edited >= Self.debounceNanos {
      filterEditedAt = nil
      applyFilter(filterTextSeen, data: data)
    }
    trace?.observe(log)
    let count = log.count
    if count != lastCount {
      lastArrival = now
      lastCount = count
      if state.main == .correlation { Reducer.refreshCorrelation(&state, data: data) }
    }
    if log.indexing != nil {
      rate.rebase(total: count)
    } else {
      rate.record(now: now, total: count)
    }

    let change = data.update(engine.snapshot())
    let layout = Layout(width: screen.width, height: screen.height, state: state)
    let height = layout.listHeight(state)
    trace?.took(data.snapshot, screenRows: height)
    state.errors.shiftUp(by: change.droppedErrorRows)
    if state.follow {
      state.stream.selected = data.rowCount - 1
    } else if let added = change.added {
      // Paused: stay on the same record while new ones arrive and old ones are dropped.
      state.newWhilePaused += added
      state.stream.shiftUp(by: change.droppedFromTop)
    } else if let anchor = filterAnchor, let row = data.row(nearLogIndex: anchor) {
      // The filter changed: stay on the same record, or the nearest one before it.
      state.stream.selected = row
    }
    // The new filter's last replacement is in: from now on rows only arrive at the end.
    if change.added == nil, data.snapshot.complete { filterAnchor = nil }
    state.stream.clamp(count: data.rowCount, height: height)
    if state.showErrorsPane {
      state.errors.clamp(count: data.errorRows.count, height: layout.errorsListHeight)
    }
  }

  /// `data`: the view whose selected record the new results should keep (nil at start).
  private func applyFilter(_ text: String, data: ViewData?) {
    do {
      let filter = try Query.parse(text).compile(
        now: SystemClock.wallNanos(), zone: settings.zone)
      state.filterError = nil
      guard text != state.appliedFilter || state.appliedFilter.isEmpty else { return }
      state.appliedFilter = text
      filterAnchor = data.flatMap { data in
        state.stream.selected >= 0 && state.stream.selected < data.rowCount
          ? data.logIndex(row: state.stream.selected) : nil
      }
      trace?.applied(text, generation: engine.snapshot().generation)
      engine.setFilter(filter.matchesEverything ? nil : filter)
    } catch {
      // The last valid filter stays applied; the bar shows where this one goes wrong.
      state.filterError = error
    }
  }
}
