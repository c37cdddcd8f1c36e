import Synchronization

/// What the log says about its sources and its progress: statuses, counts, indexing.
extension LiveLog {
  /// Records per level; index 0 counts records without a level, then Level.rawValue.
  public var levelCounts: [Int] { writer.withLock { $0.levelCounts } }

  public var sources: [SourceStatus] { writer.withLock { $0.statuses } }

  /// The oldest and newest record time read so far; nil before the first timed record.
  /// Records dropped since (--keep-last) still count: rows keep one layout.
  public var timeSpan: (oldest: Int64, newest: Int64)? {
    writer.withLock { w in w.oldestTime <= w.newestTime ? (w.oldestTime, w.newestTime) : nil }
  }

  public func finish(source: Int, error: String?) {
    guard source >= 0, source <= Int(UInt16.max) else { return }
    writer.withLock { w in
      w.ensureSource(source)
      w.statuses[source].finished = true
      w.statuses[source].error = error
      w.statuses[source].activity = nil
    }
  }

  /// The source's file does not exist (yet); it is being waited for.
  public func setWaiting(source: Int, _ waiting: Bool) {
    guard source >= 0, source <= Int(UInt16.max) else { return }
    writer.withLock { w in
      w.ensureSource(source)
      w.statuses[source].waiting = waiting
    }
  }

  /// A source that joins later (records a store sends for the correlation view); its index.
  public func addSource(name: String) -> Int {
    writer.withLock { w in
      let index = w.statuses.count
      w.ensureSource(index)
      w.statuses[index].name = name
      return index
    }
  }

  public func setActivity(source: Int, _ text: String?) {
    guard source >= 0, source <= Int(UInt16.max) else { return }
    writer.withLock { w in
      w.ensureSource(source)
      w.statuses[source].activity = text
    }
  }

  /// The source starts over (its file was rotated or truncated): its line numbers restart
  /// at 1 and what it appends next never continues an earlier record.
  public func restart(source: Int) {
    guard source >= 0, source <= Int(UInt16.max) else { return }
    writer.withLock { $0.restart(source) }
  }

  /// Bytes appended so far (for the records-per-second and progress displays).
  public var byteCount: Int { writer.withLock { $0.byteCount } }

  /// Copied input moved to the spill file because of the memory cap.
  public var spilledBytes: Int { writer.withLock { $0.segments.spilledBytes } }

  /// True once files were handed over for indexing and all of them are indexed.
  public var indexed: Bool { load.indexed }

  /// While mapped files are being indexed: bytes indexed so far and bytes to index; nil
  /// when nothing is loading.
  public var indexing: (done: Int, total: Int)? { load.indexing }

  /// What the status line shows, read under one lock.
  public var status: LogStatus {
    let count = self.count
    let firstKept = firstKeptIndex
    let indexing = load.indexing
    let droppedForMemory = self.droppedForMemory.load(ordering: .relaxed)
    return writer.withLock { w in
      LogStatus(
        sources: w.statuses, levelCounts: w.levelCounts, count: count, firstKept: firstKept,
        droppedBy: droppedForMemory ? .memory(budget.bytes) : .keepLast,
        spilledBytes: w.segments.spilledBytes, spillFailure: w.segments.spillFailure,
        lostRecords: w.lostRecords, indexing: indexing,
        lineCount: w.sourceStates.reduce(0) { $0 + $1.lineBase })
    }
  }
}

/// One reading of a LiveLog's status (for the status line).
public struct LogStatus: Sendable {
  public var sources: [SourceStatus]
  /// Records per level; index 0 counts records without a level.
  public var levelCounts: [Int]
  /// Records published, and the first one kept (--keep-last dropped those before it).
  public var count: Int
  public var firstKept: Int
  /// What let the records before `firstKept` go.
  public var droppedBy: DropReason
  /// Copied input moved to the spill file because of the memory cap.
  public var spilledBytes: Int
  /// Why copied input could not spill (it stays in memory, and older records go sooner).
  public var spillFailure: String?
  /// Records not kept because the log reached its record limit.
  public var lostRecords: Int
  /// While mapped files are being indexed: bytes indexed and bytes to index.
  public var indexing: (done: Int, total: Int)?
  /// Lines read into the records (a stack trace is one record of many lines); 0 when unknown.
  public var lineCount: Int

  public init(
    sources: [SourceStatus], levelCounts: [Int], count: Int, firstKept: Int,
    droppedBy: DropReason, spilledBytes: Int, spillFailure: String?, lostRecords: Int,
    indexing: (done: Int, total: Int)?, lineCount: Int = 0
  ) {
    self.sources = sources
    self.levelCounts = levelCounts
    self.count = count
    self.firstKept = firstKept
    self.droppedBy = droppedBy
    self.spilledBytes = spilledBytes
    self.spillFailure = spillFailure
    self.lostRecords = lostRecords
    self.indexing = indexing
    self.lineCount = lineCount
  }
}

/// Why the oldest records were dropped.
public enum DropReason: Sendable, Equatable {
  /// --keep-last.
  case keepLast
  /// The memory budget (--max-memory), in bytes.
  case memory(Int)
}

/// Bytes of mapped files handed over for indexing, published and finished (for the
/// "indexing N%" display and the benchmark's "indexed" event).
final class LoadProgress: Sendable {
  private let total = Atomic<Int>(0)
  private let publishedBytes = Atomic<Int>(0)
  private let done = Atomic<Int>(0)

  func began(_ bytes: Int) { total.add(bytes, ordering: .relaxed) }
  func published(_ bytes: Int) { publishedBytes.add(bytes, ordering: .relaxed) }
  func finished(_ bytes: Int) { done.add(bytes, ordering: .relaxed) }

  var indexed: Bool {
    let total = self.total.load(ordering: .relaxed)
    return total > 0 && done.load(ordering: .relaxed) >= total
  }

  var indexing: (done: Int, total: Int)? {
    let total = self.total.load(ordering: .relaxed)
    guard done.load(ordering: .relaxed) < total else { return nil }
    return (min(publishedBytes.load(ordering: .relaxed), total), total)
  }
}
