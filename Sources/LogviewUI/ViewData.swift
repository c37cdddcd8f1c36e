import LogviewCore
import LogviewStore

/// What the UI reads: the live log and the current filtered snapshot, plus derived lists.
/// Owned by the UI thread; the log itself is read lock-free.
public final class ViewData {
  public let log: LiveLog
  public let zone: TimeZoneRule
  let normalizer: Normalizer
  /// How records are read, for a thread of its own (`b` builds a bundle off this one).
  let normalizerOptions: NormalizerOptions
  /// Texts of fields as the rows show them (detail pane, request view, completion).
  public let presenter = RecordPresenter()
  /// The detail pane's text for the record it shows (see `detailText(logIndex:width:)`).
  var detailCache: DetailText?
  public private(set) var snapshot: FilteredSnapshot
  /// The `/` search's hits in the filtered view, found off the UI thread (the controller's
  /// SearchRunner); nil before any search.
  public internal(set) var hits: SearchHits?
  /// Rows whose record is a warning or worse (the errors pane). Found on first use and then
  /// kept up to date incrementally, so a hidden pane costs nothing per snapshot.
  public var errorRows: [Int] {
    if errorRowsScanned < snapshot.count {
      for row in errorRowsScanned..<snapshot.count {
        if let level = log.record(at: snapshot.index(at: row)).level, level >= .warn {
          errorRowsFound.append(row)
        }
      }
      errorRowsScanned = snapshot.count
    }
    return errorRowsFound
  }
  private var errorRowsFound: [Int] = []
  /// Rows [0, errorRowsScanned) are looked at.
  private var errorRowsScanned = 0
  /// The rows' times for the histogram and time jumps, counted on first use.
  let rowTimes = RowTimes()
  /// The rows' durations per service and route for the latency pane, counted on first use.
  let rowLatency = RowLatency()
  /// The patterns pane's rows, as the PatternRunner last published them.
  public let patterns = PatternTable()
  /// --redact: records are read masked (rows, details, copy, save; `ViewDataRedaction`).
  public var redact = false

  public init(log: LiveLog, options: NormalizerOptions, snapshot: FilteredSnapshot) {
    self.log = log
    self.zone = options.zone
    self.normalizer = Normalizer(options: options)
    self.normalizerOptions = options
    self.snapshot = snapshot
  }

  public var rowCount: Int { snapshot.count }

  public func logIndex(row: Int) -> Int { snapshot.index(at: row) }

  public func level(row: Int) -> Level? { log.record(at: logIndex(row: row)).level }

  /// What a newer snapshot changed for a view that wants to keep its place.
  public struct Change: Equatable, Sendable {
    /// Rows added at the end when the filter is unchanged; nil when the rows were replaced.
    public var added: Int?
    /// Rows (and error-pane rows) that left the top because their records were dropped.
    public var droppedFromTop = 0
    public var droppedErrorRows = 0
  }

  /// Takes a newer snapshot and says how the rows moved.
  @discardableResult
  public func update(_ newer: FilteredSnapshot) -> Change {
    let old = snapshot
    // A new filter with nothing scanned yet: keep showing the old rows for the few
    // milliseconds until its first block is in, rather than an empty list.
    if newer.generation != old.generation, newer.scanned == 0, !newer.complete, old.count > 0 {
      return Change(added: 0)
    }
    snapshot = newer
    let dropped = min(newer.droppedRows - old.droppedRows, old.count)
    // Rows of older records (a re-filter's next block back) are a replacement, not arrivals:
    // after a first block with no match, they used to count as "new" while paused.
    if old.generation == newer.generation, old.isAll == newer.isAll, dropped >= 0,
      newer.decided.lowerBound >= old.decided.lowerBound
    {
      let kept = old.count - dropped
      if kept == 0
        || (newer.count >= kept && newer.index(at: kept - 1) == old.index(at: old.count - 1))
      {
        let gone = errorRowsFound.prefix { $0 < dropped }.count
        errorRowsFound.removeFirst(gone)
        if dropped > 0 { for i in errorRowsFound.indices { errorRowsFound[i] -= dropped } }
        errorRowsScanned = max(0, errorRowsScanned - dropped)
        return Change(added: newer.count - kept, droppedFromTop: dropped, droppedErrorRows: gone)
      }
    }
    errorRowsFound.removeAll(keepingCapacity: true)
    errorRowsScanned = 0
    return Change(added: nil)
  }

  /// The row showing log record `index`, or the nearest row before it.
  public func row(nearLogIndex index: Int) -> Int? { snapshot.row(nearLogIndex: index) }

  public func withRecord<R>(logIndex index: Int, _ body: (RecordView) -> R) -> R {
    log.withText(at: index) { text, firstLineLength in
      if redact, let masked = Self.masked(text) {
        return masked.withUnsafeBytes { masked in
          normalizer.withRecord(
            masked, firstLineLength: RecordSplitter.firstLineLength(of: masked)
          ) { body($0) }
        }
      }
      return normalizer.withRecord(text, firstLineLength: firstLineLength) { body($0) }
    }
  }

  /// The file name (without directories) of the record's source, "-" for stdin.
  public func sourceLabel(logIndex index: Int) -> String {
    sourceNames(of: index)?.label ?? "?"
  }

  /// The full name of the record's source (as given on the command line), "?" if unknown.
  public func sourceName(logIndex index: Int) -> String {
    sourceNames(of: index)?.name ?? "?"
  }

  /// Source names and labels, read from the log once per new source rather than per drawn
  /// row (LiveLog.sources takes the writer's lock and copies every status).
  private var names: [(name: String, label: String)] = []

  private func sourceNames(of index: Int) -> (name: String, label: String)? {
    let source = Int(log.record(at: index).source)
    if source >= names.count {
      names = log.sources.map { ($0.name, Self.label($0.name)) }
    }
    return source < names.count ? names[source] : nil
  }

  static func label(_ name: String) -> String {
    var base = name.split(separator: "/").last.map(String.init) ?? name
    for suffix in [".gz", ".log", ".ndjson", ".jsonl", ".json"] where base.hasSuffix(suffix) {
      base.removeLast(suffix.count)
    }
    return base.isEmpty ? name : base
  }

  /// The message or service of a record as the rows show it.
  public func text(_ field: NormalizedField, of record: RecordView) -> String? {
    var text: String?
    presenter.withText(field, of: record) { text = String(decoding: $0, as: UTF8.self) }
    return text
  }
}
