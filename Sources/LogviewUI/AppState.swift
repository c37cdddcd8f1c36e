import LogviewQuery

/// Which pane or prompt has the keyboard.
public enum InputMode: Equatable, Sendable {
  case browse
  case filter
  case search
  case help
  case save
  /// The `T` prompt: a time to jump to.
  case time
}

/// What fills the main area.
public enum MainView: Equatable, Sendable {
  case stream
  case correlation
  case histogram
  /// `L`: durations per service and route.
  case latency
  /// The message patterns of the filtered rows (`p`).
  case patterns
}

/// A scrolling list with a selection: the stream, the errors pane, the correlation list.
public struct ListPosition: Equatable, Sendable {
  /// Selected row, or -1 when the list is empty.
  public var selected = -1
  /// First visible row.
  public var top = 0

  public init(selected: Int = -1, top: Int = 0) {
    self.selected = selected
    self.top = top
  }

  /// Rows above left the list (their records were dropped): stay on the same row content.
  public mutating func shiftUp(by rows: Int) {
    guard rows > 0 else { return }
    if selected >= 0 { selected = max(0, selected - rows) }
    top = max(0, top - rows)
  }

  /// Keeps the selection inside 0..<count and visible in `height` rows.
  public mutating func clamp(count: Int, height: Int) {
    if count == 0 {
      selected = -1
      top = 0
      return
    }
    selected = min(max(selected, 0), count - 1)
    let visible = max(1, height)
    if selected < top { top = selected }
    if selected >= top + visible { top = selected - visible + 1 }
    top = min(max(0, top), max(0, count - visible))
  }
}

/// The request-correlation view: every record sharing one request ID.
public struct CorrelationState: Equatable, Sendable {
  public var requestId: String
  /// LiveLog indices, time-ordered.
  public private(set) var records: [Int]
  public private(set) var summary: CorrelationSummary
  public var position = ListPosition()
  /// Set when the view is on another ID field's value than the request ID (`c` in details).
  public var field: FieldCorrelation?

  public init(requestId: String, records: [Int], data: ViewData) {
    self.requestId = requestId
    self.records = records
    summary = CorrelationSummary(records: records, data: data)
    position = ListPosition(selected: records.isEmpty ? -1 : 0)
  }

  /// New records with the ID arrived: the same record stays selected.
  mutating func update(records newer: [Int], data: ViewData) {
    let selected =
      position.selected >= 0 && position.selected < records.count
      ? records[position.selected] : nil
    records = newer
    summary = CorrelationSummary(records: newer, data: data)
    if let selected, let row = newer.firstIndex(of: selected) { position.selected = row }
  }
}

/// Everything the screen shows, as plain data; changed only by the Reducer.
public struct AppState: Equatable, Sendable {
  public var mode: InputMode = .browse
  public var main: MainView = .stream
  public var stream = ListPosition()
  /// Follow mode: the selection sticks to the newest record.
  public var follow = true
  /// Matching records that arrived while following was paused.
  public var newWhilePaused = 0
  /// Show each row's source file (several inputs merged into one stream).
  public var showSource = false
  /// Columns scrolled to the right in the stream and errors panes.
  public var horizontalOffset = 0
  /// Extra fields the rows show or hide.
  public var columns = FieldColumns()
  /// Rows wrapped or cut, times with or without dates.
  public var rows = RowOptions()

  public var filterEditor = LineEditor()
  /// The filter text currently applied (the last one that parsed).
  public var appliedFilter = ""
  /// The filter text in force when editing began (Esc restores it).
  public var filterBeforeEditing = ""
  public var filterError: QueryError?
  /// A warning about the applied filter while it runs (a regex stopped at its limit).
  public var filterWarning: String?
  /// Candidates offered by the last Tab in the filter bar.
  public var completions: [String] = []

  public var searchEditor = LineEditor()
  /// The `/` search: its term, a jump waiting for its hits, the count the bar shows.
  public var searchState = SearchState()
  /// The search's text ("" before any).
  public var search: String { searchState.term?.text ?? "" }

  public var showDetail = false
  public var detailScroll = 0
  public var detailCursor = DetailCursor()

  public var showErrorsPane = false
  public var errorsFocused = false
  public var errors = ListPosition()

  public var correlation: CorrelationState?
  public var histogram = HistogramState()
  /// The latency pane's row cursor.
  public var latency = ListPosition()
  public var patterns = PatternsState()
  public var timeEditor = LineEditor()

  /// Marked records (`m`), the `S` prompt, bytes `y` left for the terminal to copy, and how
  /// far the `?` box is scrolled.
  public var marks = Marks()
  public var save = SavePrompt()
  public var clipboard: [UInt8]?
  public var helpScroll = 0
  /// Records holding secrets and personal data, counted off the UI thread (`FindingsCounter`).
  public var findings = FindingCounts()

  /// A short message for the bottom line ("no request ID on this record").
  public var notice: String?
  public var quit = false

  public init() {}
}
