import LogviewCore
import LogviewQuery
import LogviewStore

/// The explorer's behaviour between the terminal and the data, with no terminal in it: it
/// takes keys and wake-ups, keeps the AppState, applies a filter edit once typing pauses,
/// keeps a paused view on its record while records arrive and when the filter changes, and
/// paces frames while input pours in. Time comes from an injected clock, so tests drive it
/// without waiting; the terminal's loop (LogviewTerminal) only moves keys, signals and
/// frames.
public final class ExplorerController {
  public struct Timing: Sendable {
    /// How long typing must pause before the filter is re-applied.
    public var debounce: Int64 = 60_000_000
    /// While input pours in, at most one frame per this long (about 30 a second): drawing
    /// each append would take the cores the ingest needs. Keys are answered at once.
    public var busyFrame: Int64 = 33_000_000
    /// How long after the last arrival the rate display keeps rolling.
    public var rateWindow: Int64 = 16_000_000_000
    /// How long keys typed after a search wait for its hit (then they are taken anyway).
    public var keyHold: Int64 = 300_000_000

    public init() {}
  }

  public let data: ViewData
  public internal(set) var state = AppState()
  public var trace: ExplorerTrace?
  /// Called once for each request ID the correlation view opens on, so that log stores can
  /// be asked for the request's records beyond those already read.
  public var onCorrelate: ((String) -> Void)?
  private var correlated: Set<String> = []
  /// Called with each filter or search the user keeps (Enter), to keep it across runs.
  public var onRemember: ((PromptHistory, String) -> Void)?
  /// The view `S` is writing to a file, while it runs.
  var saver: ViewSaver?
  var quitWhileSaving = false
  let engine: FilterEngine
  let view: AppView
  let zone: TimeZoneRule
  let timing: Timing
  /// Nanoseconds on a clock that never jumps: debounce, pacing, rate.
  let clock: () -> Int64
  /// Wall-clock nanoseconds: "now" for relative times in filters (since:15m).
  let wallClock: () -> Int64
  private var rate = RateMeter()
  private var lastArrival: Int64?
  private var lastCount = 0
  private var filterTextSeen: String
  private var filterEditedAt: Int64?
  private var lastFrameAt: Int64?
  private var framePending = false
  private var answerKeys = true
  /// While a new filter's results fill in (newest first, older ones prepended), the record
  /// a paused view stays on; dropped once complete or when the user moves.
  private var filterAnchor: Int?
  /// The screen row the anchor goes back to (Esc in the filter bar), else nil.
  private var anchorScreenRow: Int?
  /// When the filter bar opened: the selected record, its screen row, following. Esc
  /// brings them back with the filter.
  private var beforeEditing: (index: Int?, screenRow: Int, follow: Bool)?
  /// After Esc: the record the restored filter's results select again, at its screen row.
  private var restoring: (index: Int, screenRow: Int)?
  /// Keys typed after a search's Enter (or n) while its hit is found off the UI thread:
  /// taken in order once it is (`/id` Enter `c` correlates the hit, as it did when the
  /// search ran on the UI thread), or once `holdUntil` passes.
  private var heldKeys: [Key] = []
  private var holdUntil: Int64 = 0
  /// The first log index after the records the files held when indexed: only rows from
  /// there on are new while paused.
  private var arrivalsFrom = 0
  private var wasIndexing = false
  /// The applied filter, read for its regex limit hits.
  private var activeFilter: Filter?
  /// The applied filter `hint` was looked for with, and the hint.
  private var hintFilter: String?
  private var hint: String?
  /// The `/` search's own engine.
  let search: SearchRunner
  /// Mines the patterns pane's rows off the UI thread (ExplorerPatterns).
  let patternRunner: PatternRunner
  /// For the trace: when the patterns pane began filling in, until it has.
  var patternsStarted: Int64?
  /// Counts the records with findings for the status line (`countFindings`).
  var findings: FindingsCounter?

  /// Applies `filter` (the query and any --since/--until as the bar shows them) at once.
  /// `searchEngine` finds the `/` search's hits (its changes should wake the loop); without
  /// one the controller makes its own.
  public init(
    log: LiveLog, engine: FilterEngine, searchEngine: FilterEngine? = nil,
    options: NormalizerOptions, palette: Palette, filter: String, timing: Timing = Timing(),
    clock: @escaping () -> Int64, wallClock: @escaping () -> Int64
  ) {
    self.engine = engine
    search = SearchRunner(engine: searchEngine ?? FilterEngine(log: log) {})
    patternRunner = PatternRunner(log: log, options: options)
    self.zone = options.zone
    self.view = AppView(palette: palette, zone: options.zone)
    self.timing = timing
    self.clock = clock
    self.wallClock = wallClock
    filterTextSeen = filter
    state.filterEditor.set(filter)
    // Applied before the first snapshot is taken, so the view starts with this filter.
    switch Self.compile(filter, now: wallClock(), zone: options.zone) {
    case .success(let compiled):
      state.appliedFilter = filter
      activeFilter = compiled
      engine.setFilter(compiled.matchesEverything ? nil : compiled)
    case .failure(let error):
      state.filterError = error
    }
    data = ViewData(log: log, options: options, snapshot: engine.snapshot())
  }

  /// Row preferences from the configuration file: wrapping, fields hidden.
  public func setRows(wrap: Bool, hiddenFields: [String]) {
    state.rows.wrap = wrap
    state.columns = FieldColumns(hidden: Set(hiddenFields))
  }

  public var log: LiveLog { data.log }
  public var quit: Bool { state.quit }

  /// After any wake-up: applies a filter edit once typing paused, takes the newest filter
  /// results and keeps the view's place in them.
  public func refresh(width: Int, height: Int) {
    let now = clock()
    if state.filterEditor.text != filterTextSeen {
      filterTextSeen = state.filterEditor.text
      filterEditedAt = now
    }
    if let edited = filterEditedAt, now - edited >= timing.debounce {
      filterEditedAt = nil
      applyEditedFilter(filterTextSeen)
    }
    trace?.observe(log)
    state.filterWarning = activeFilter?.regexLimitNote
    findings?.sync(&state, log: log)
    noteArrivals(now: now)
    state.marks.drop(below: log.firstKeptIndex)
    showSaveProgress()
    let change = data.update(engine.snapshot())
    // Dates appear once the records span two days or are not today's (live data crossing
    // midnight, or the clock passing it).
    state.rows.dates = TimeColumn.showsDates(span: log.timeSpan, now: wallClock(), zone: zone)
    let layout = Layout(width: width, height: height, state: state)
    trace?.took(data.snapshot, screenRows: layout.listHeight(state))
    keepPlace(after: change, layout: layout)
    if state.main == .correlation, state.correlation?.field?.scanning(data) == true {
      Reducer.refreshCorrelation(&state, data: data)
    }
    if state.filterWarning == nil { state.filterWarning = fieldHint() }
    syncPatterns()
    let selected = state.stream.selected
    search.sync(
      &state, data: data, filter: activeFilter, height: layout.listHeight(state),
      trace: trace?.trace)
    // A search's hit came in and was jumped to: the filter's place no longer matters.
    if state.stream.selected != selected { filterAnchor = nil }
    if !heldKeys.isEmpty, state.searchState.pending == nil || clock() >= holdUntil {
      handle([], resized: false, width: width, height: height)
    }
  }

  /// The bar's hint when the applied filter shows nothing because it names a field no
  /// record has (`levl=error`); looked for once per applied filter.
  private func fieldHint() -> String? {
    guard data.snapshot.complete, data.rowCount == 0, !state.appliedFilter.isEmpty else {
      return nil
    }
    if hintFilter != state.appliedFilter {
      hintFilter = state.appliedFilter
      hint = FieldCatalog.missingFieldHint(state.appliedFilter, data: data)
    }
    return hint
  }

  /// Keys typed since the last wake-up (none for a data wake-up); `resized`: the terminal
  /// changed size. Either is answered with a frame at once.
  public func handle(_ keys: [Key], resized: Bool, width: Int, height: Int) {
    let keys = heldKeys + keys
    heldKeys = []
    answerKeys = resized || !keys.isEmpty
    trace?.handled(keys)
    for (i, key) in keys.enumerated() {
      if state.searchState.pending != nil, clock() < holdUntil {
        heldKeys = Array(keys[i...])
        return
      }
      let layout = Layout(width: width, height: height, state: state)
      let selected = state.stream.selected
      let pending = state.searchState.pending
      let mode = state.mode
      let histories = (state.filterEditor.history, state.searchEditor.history)
      Reducer.handle(key, state: &state, data: data, layout: layout)
      carryOutTools(filterHistory: histories.0, searchHistory: histories.1)
      noteFilterBar(key, from: mode)
      syncPatterns()
      search.sync(
        &state, data: data, filter: activeFilter, height: layout.listHeight(state),
        trace: trace?.trace)
      // The user moved elsewhere: a search still waiting for its hit no longer jumps.
      if pending != nil, state.searchState.pending == pending, state.stream.selected != selected {
        state.searchState.pending = nil
      }
      if let jump = state.searchState.pending, jump != pending {
        holdUntil = clock() + timing.keyHold
      }
      if let id = state.correlation?.requestId, state.correlation?.field == nil,
        correlated.insert(id).inserted
      {
        onCorrelate?(id)
      }
      // The user moved: the new filter's results need not bring the old record back.
      if state.stream.selected != selected {
        filterAnchor = nil
        restoring = nil
      }
      if state.quit { return }
    }
  }

  /// The frame to show now, or nil while input pours in and the last frame is recent.
  public func frame(width: Int, height: Int) -> CellBuffer? {
    let now = clock()
    if !answerKeys, let last = lastFrameAt, now - last < timing.busyFrame {
      framePending = true
      return nil
    }
    lastFrameAt = now
    framePending = false
    let frame = view.render(state: state, data: data, rate: rate, width: width, height: height)
    trace?.drew(rows: data.rowCount, log: log)
    return frame
  }

  /// Milliseconds the loop may sleep before `refresh` is due again; nil: until something
  /// happens (no wake-ups when idle). Wakes for a held-back frame, keys held for a search,
  /// a pending filter edit, or to roll the rate display while records arrived recently.
  public var timeout: Int? {
    let now = clock()
    // The histogram counts a large view over several frames.
    if state.main == .histogram, data.rowTimes.pending { return 1 }
    if state.main == .latency, data.rowLatency.pending { return 1 }
    // The patterns pane fills in as its thread publishes.
    if state.main == .patterns, data.patterns.mining { return Self.patternPoll }
    if framePending, let last = lastFrameAt {
      return max(1, Int((last + timing.busyFrame - now) / 1_000_000))
    }
    if saver != nil { return 100 }  // the save's progress
    if !heldKeys.isEmpty { return max(1, Int((holdUntil - now) / 1_000_000)) }
    if let edited = filterEditedAt {
      return max(1, Int((edited + timing.debounce - now) / 1_000_000))
    }
    // The request view on an ID field scans the log a slice per wake-up.
    if state.main == .correlation, state.correlation?.field?.scanning(data) == true { return 1 }
    if let arrival = lastArrival, now - arrival < timing.rateWindow { return 1000 }
    return nil
  }

  private func noteArrivals(now: Int64) {
    let count = log.count
    if count != lastCount {
      lastArrival = now
      lastCount = count
      if state.main == .correlation { Reducer.refreshCorrelation(&state, data: data) }
    }
    if log.indexing != nil {
      wasIndexing = true
      rate.rebase(total: count)
    } else {
      if wasIndexing {
        wasIndexing = false
        arrivalsFrom = count
      }
      rate.record(now: now, total: count)
    }
  }

  /// Following: the newest record. Paused: the same record while new ones arrive and old
  /// ones are dropped, and after a filter change the same record or the nearest before it.
  private func keepPlace(after change: ViewData.Change, layout: Layout) {
    state.errors.shiftUp(by: change.droppedErrorRows)
    if state.follow {
      state.stream.selected = data.rowCount - 1
    } else if let added = change.added {
      // Records a file's first indexing brings in were there before the pause: not new.
      if log.indexing == nil { state.newWhilePaused += arrivals(amongLast: added) }
      state.stream.shiftUp(by: change.droppedFromTop)
    } else if let anchor = filterAnchor, let row = data.row(nearLogIndex: anchor) {
      state.stream.selected = row
      if let screenRow = anchorScreenRow { state.stream.top = max(0, row - screenRow) }
    }
    // The new filter's last replacement is in: from now on rows only arrive at the end.
    if change.added == nil, data.snapshot.complete { filterAnchor = nil }
    let before = (stream: state.stream, errors: state.errors)
    state.stream.clamp(count: data.rowCount, height: layout.listHeight(state))
    if state.showErrorsPane {
      state.errors.clamp(count: data.errorRows.count, height: layout.errorsListHeight)
    }
    Reducer.settleRows(&state, data: data, layout: layout, before: before)
  }

  /// Of the last `added` rows, those whose records arrived after the files were indexed:
  /// rows of records read before (the end of an indexing, found once it is over) are not new.
  private func arrivals(amongLast added: Int) -> Int {
    var count = 0
    var row = data.rowCount - 1
    while count < added, row >= 0, data.logIndex(row: row) >= arrivalsFrom {
      count += 1
      row -= 1
    }
    return count
  }

  /// Applies an edited filter; the new results should bring back the selected record.
  private func applyEditedFilter(_ text: String) {
    switch Self.compile(text, now: wallClock(), zone: zone) {
    case .success(let filter):
      state.filterError = nil
      defer { restoring = nil }
      guard text != state.appliedFilter || state.appliedFilter.isEmpty else { return }
      state.appliedFilter = text
      let selected = state.stream.selected
      filterAnchor =
        restoring?.index
        ?? (selected >= 0 && selected < data.rowCount ? data.logIndex(row: selected) : nil)
      anchorScreenRow = restoring?.screenRow
      trace?.applied(text, generation: engine.snapshot().generation)
      activeFilter = filter
      engine.setFilter(filter.matchesEverything ? nil : filter)
      search.start(state.searchState.term, within: filter, logCount: log.count)
    case .failure(let error):
      // The last valid filter stays applied; the bar shows where this one goes wrong.
      state.filterError = error
    }
  }

  /// Opening the filter bar remembers the view; Esc restores it with the filter: the
  /// re-filters while typing may have moved the selection to a nearby record.
  private func noteFilterBar(_ key: Key, from mode: InputMode) {
    if mode != .filter, state.mode == .filter {
      let selected = state.stream.selected
      beforeEditing = (
        selected >= 0 && selected < data.rowCount ? data.logIndex(row: selected) : nil,
        selected - state.stream.top, state.follow
      )
    } else if mode == .filter, state.mode == .browse, key == .escape, let saved = beforeEditing {
      state.follow = saved.follow
      if !saved.follow, let index = saved.index { restoring = (index, saved.screenRow) }
    }
  }

  private static func compile(_ text: String, now: Int64, zone: TimeZoneRule) -> Result<
    Filter, QueryError
  > {
    Result { () throws(QueryError) in try Query.parse(text).compile(now: now, zone: zone) }
  }
}
