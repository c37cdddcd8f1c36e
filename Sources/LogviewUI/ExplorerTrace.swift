import LogviewStore
import LogviewSystem

/// What the explorer reports to a TraceLog: its first screen with records, the end of
/// indexing or of the input, and for each filter its first screenful and its completion.
public struct ExplorerTrace {
  let trace: TraceLog
  private var firstScreenSeen = false
  private var indexedSeen = false
  private var inputEnded = false
  private var filter: PendingFilter?
  /// Keys handled and when, until the frame that answers them is drawn.
  private var keys: (names: String, at: Int64)?

  private struct PendingFilter {
    var text: String
    var afterGeneration: Int
    var started: Int64
    var firstScreenSeen = false
  }

  public init(trace: TraceLog) {
    self.trace = trace
  }

  /// Keys were handled: the next frame drawn answers them.
  public mutating func handled(_ keys: [Key]) {
    guard !keys.isEmpty else { return }
    self.keys = (keys.map { "\($0)" }.joined(separator: " "), SystemClock.wallNanos())
  }

  /// After a frame was drawn.
  public mutating func drew(rows: Int, log: LiveLog) {
    if let keys {
      trace.event("key-answered \(keys.names)", since: keys.at)
      self.keys = nil
    }
    if !firstScreenSeen, rows > 0 {
      firstScreenSeen = true
      trace.event("first-screen \(log.count) records")
    }
  }

  /// On every wake-up, drawn or not.
  public mutating func observe(_ log: LiveLog) {
    if !indexedSeen, log.indexed {
      indexedSeen = true
      trace.event("indexed \(log.count) records \(log.byteCount) bytes; \(TraceLog.memory())")
    }
    if !inputEnded, !log.sources.isEmpty, log.sources.allSatisfy(\.finished) {
      inputEnded = true
      trace.event("input-ended \(log.count) records \(log.byteCount) bytes; \(TraceLog.memory())")
    }
  }

  /// A new filter went to the engine, whose snapshots were at `generation`.
  public mutating func applied(_ text: String, generation: Int) {
    guard !text.isEmpty else { return }
    filter = PendingFilter(
      text: text, afterGeneration: generation, started: SystemClock.wallNanos())
  }

  /// The view took `snapshot`; `screenRows` rows fit on the screen.
  public mutating func took(_ snapshot: FilteredSnapshot, screenRows: Int) {
    guard var pending = filter, snapshot.generation > pending.afterGeneration else { return }
    if !pending.firstScreenSeen, snapshot.count >= screenRows || snapshot.complete {
      pending.firstScreenSeen = true
      trace.event(
        "filter-first-screen \(snapshot.count) rows: \(pending.text)", since: pending.started)
    }
    if snapshot.complete {
      trace.event(
        "filter-complete \(snapshot.count) matches: \(pending.text)", since: pending.started)
      filter = nil
    } else {
      filter = pending
    }
  }
}
