import LogviewSystem
import Synchronization

/// Runs a set of sources on reader threads (a blocking read or poll must not pin one of
/// the few cooperative threads), all feeding one SourceFeed. The explorer and headless mode
/// both start their inputs here.
public final class SourceGroup: @unchecked Sendable {
  public enum Start: Sendable {
    /// Each source on its own thread, appended in arrival order.
    case separate
    /// Several files and archives: loaded together, merged by time, then each file
    /// followed. Used when there are several sources and all are loadable, else `separate`
    /// (a stream stays live: it may never end).
    case mergeLoadable
    /// Every source loaded (streams read to their end) and merged by time, then files
    /// followed: headless output of several sources, or a request's timeline.
    case mergeAll
  }

  public let sources: [LogSource]
  private let stopPipe = WakePipe()
  private let threads = Mutex<[ThreadHandle]>([])

  public init(_ sources: [LogSource]) {
    self.sources = sources
  }

  deinit { stop() }

  public func start(into feed: SourceFeed, _ start: Start) {
    let merge =
      switch start {
      case .separate: false
      case .mergeLoadable: sources.count > 1 && sources.allSatisfy(\.isLoadable)
      case .mergeAll: true
      }
    if merge {
      startMerged(feed)
      return
    }
    let stop = stopPipe
    for (index, source) in sources.enumerated() {
      spawn("logview-read-\(index)") { source.run(index, into: feed, after: nil, stop: stop) }
    }
  }

  /// One loader reads every source, hands them over together to be merged by time, and
  /// ends the sources that will not grow; then each one that grows (a followed file) is
  /// tailed by its own thread.
  private func startMerged(_ feed: SourceFeed) {
    let stop = stopPipe
    let loaded = WakePipe()
    let regions = Mutex<[SourceRegion?]>(Array(repeating: nil, count: sources.count))
    let sources = self.sources
    spawn("logview-load") {
      var all: [(region: SourceRegion, source: Int)] = []
      var errors: [SourceError?] = []
      for (index, source) in sources.enumerated() {
        guard let load = source.load(stop: stop) else { return }
        all.append((load.region, index))
        errors.append(load.error)
      }
      regions.withLock { $0 = all.map(\.region) }
      let keepGoing = feed.appendMerged(all)
      for (index, source) in sources.enumerated() where !source.growsAfterLoad {
        feed.finish(source: index, error: errors[index])
      }
      if keepGoing { loaded.wake() }
    }
    for (index, source) in sources.enumerated() where source.growsAfterLoad {
      spawn("logview-read-\(index)") {
        guard !stop.wait(for: loaded.readDescriptor, milliseconds: nil).woken,
          let region = regions.withLock({ $0[index] })
        else { return }
        source.run(index, into: feed, after: region, stop: stop)
      }
    }
  }

  private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
    threads.withLock { $0.append(ThreadHandle(name: name, body)) }
  }

  /// Asks every reader to stop; safe from any thread, a feed callback included. Does not
  /// wait. A stopped source is not finished in the feed.
  public func requestStop() {
    stopPipe.wake()
  }

  /// Waits until every reader has returned (all inputs ended, or stopped).
  public func wait() {
    for thread in threads.withLock({ $0 }) { thread.join() }
  }

  /// Stops the readers and waits for them; no feed call follows.
  public func stop() {
    requestStop()
    wait()
  }
}
