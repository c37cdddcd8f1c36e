import LogviewCore
import LogviewQuery

/// The records that pass the current filter, as sorted record indices; recomputed on a
/// background thread when the filter changes (newest records first, so the tail of a followed
/// stream shows at once) and extended incrementally as records arrive.
///
/// Right after `setFilter` the snapshot has the new generation and no matches yet
/// (`scanned == 0`); a UI may keep showing its previous snapshot until the first block is in.
public final class FilterEngine: @unchecked Sendable {
  let worker: FilterWorker

  /// `onChange` is called (on a background thread) whenever new results are published. It
  /// must not call `stop()`.
  public convenience init(
    log: LiveLog, onChange: @escaping @Sendable () -> Void
  ) {
    self.init(log: log, tuning: FilterWorker.Tuning(), onChange: onChange)
  }

  init(
    log: LiveLog, tuning: FilterWorker.Tuning,
    onChange: @escaping @Sendable () -> Void
  ) {
    worker = FilterWorker(log: log, tuning: tuning, onChange: onChange)
    worker.start()
  }

  deinit { worker.stop() }

  /// Replaces the filter (nil = everything) and starts recomputing; a recompute still
  /// running for an older filter stops at its next block.
  public func setFilter(_ filter: Filter?) {
    worker.shared.withLock { s in
      s.filter = filter
      s.generation += 1
      s.restart = true
      s.snapshot = FilteredSnapshot(
        matches: [], scanned: 0, total: worker.log.count, complete: false,
        generation: s.generation)
      // Under the lock, so concurrent calls cannot leave an older generation requested.
      worker.requested.store(s.generation, ordering: .relaxed)
    }
    worker.signal()
  }

  /// Filters records appended since the last call (call after LiveLog.append). Returns at
  /// once: the work happens on the engine's thread, which then calls `onChange`.
  public func catchUp() { worker.signal() }

  public func snapshot() -> FilteredSnapshot { worker.shared.withLock { $0.snapshot } }

  /// Stops the background thread and waits for it; no `onChange` follows.
  public func stop() { worker.stop() }
}
