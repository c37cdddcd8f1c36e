import LogviewQuery
import LogviewStore
import LogviewSystem

/// Finds the `/` search's hits off the UI thread: a FilterEngine of its own scans for the
/// records that pass the applied filter and match the pattern, on all cores, newest first,
/// starting over when either changes (a scan for the old ones stops at its next block) and
/// following records as they arrive. A pathological pattern costs that thread, never the
/// screen: keys are answered while it runs, and the bar says "searching…".
final class SearchRunner {
  let engine: FilterEngine
  /// What the engine scans for: the term, within the filter.
  private(set) var term: SearchTerm?
  /// Records the engine was told about.
  private var told = 0
  /// For the trace (LOGVIEW_TRACE): when the search began, and whether its first hit was
  /// shown and its count completed since.
  private var started: Int64 = 0
  private var jumped = false
  private var counted = false

  init(engine: FilterEngine) {
    self.engine = engine
  }

  /// Starts over for `term` within `filter` (nil: no search, nothing scanned).
  func start(_ term: SearchTerm?, within filter: Filter?, logCount: Int) {
    self.term = term
    told = logCount
    guard let term else { return }
    engine.setFilter(term.pattern.filter(within: filter))
    started = SystemClock.wallNanos()
    jumped = false
    counted = false
  }

  /// Brings the engine, the view's hits and the pending jump up to date: after each key
  /// and each wake-up.
  func sync(
    _ state: inout AppState, data: ViewData, filter: Filter?, height: Int, trace: TraceLog?
  ) {
    let count = data.log.count
    if state.searchState.term != term {
      start(state.searchState.term, within: filter, logCount: count)
    } else if term != nil, count != told {
      told = count
      engine.catchUp()
    }
    guard let term else {
      data.hits = nil
      return
    }
    data.hits = SearchHits(term: term.text, snapshot: engine.snapshot())
    let waiting = state.searchState.pending != nil
    Reducer.resolveSearch(&state, data: data, height: height)
    if waiting, state.searchState.pending == nil, !jumped {
      jumped = true
      trace?.event("search-first-hit: \(term.text)", since: started)
    }
    if state.searchState.counted, !counted {
      counted = true
      trace?.event(
        "search-complete \(state.searchState.hitCount) hits: \(term.text)", since: started)
    }
  }
}
