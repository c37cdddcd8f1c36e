import LogviewQuery
import LogviewRemote
import LogviewSources
import LogviewStore
import LogviewSystem
import Synchronization

/// The correlation view reaching into the log stores: for a request ID, each store source is
/// opened again for that ID alone over the same window (whatever the filter), off the
/// screen's thread, and what it sends joins the log as a source of its own ("NAME ·
/// request ID"), without the records already read.
final class StoreCorrelation: Sendable {
  private let paths: [String]
  private let options: StoreOptions
  private let log: LiveLog
  private let feed: LiveLogFeed
  private let stopPipe = WakePipe()
  private let readers = Mutex<[ThreadHandle]>([])

  /// Nil when no path names a store.
  init?(paths: [String], options: StoreOptions, log: LiveLog, feed: LiveLogFeed) {
    self.paths = paths.filter(StoreSources.names)
    guard !self.paths.isEmpty else { return nil }
    var options = options
    options.filter = .all
    options.follow = false
    self.options = options
    self.log = log
    self.feed = feed
  }

  func fetch(requestId: String) {
    var asked = self.options
    asked.requestId = requestId
    let options = asked
    for path in paths {
      let (log, feed, stop) = (self.log, self.feed, stopPipe)
      let reader = ThreadHandle(name: "logview-correlate") {
        let source: LogSource
        do throws(SourceError) {
          guard let opened = try StoreSources.open(path, options: options) else { return }
          source = opened
        } catch {
          let name = StoreSources.masked(path) + " · " + requestId
          CorrelationFeed(base: feed, log: log, name: name, requestId: requestId)
            .finish(source: 0, error: error)
          return
        }
        let target = CorrelationFeed(
          base: feed, log: log, name: source.name + " · " + requestId, requestId: requestId)
        source.run(0, into: target, after: nil, stop: stop)
      }
      readers.withLock { $0.append(reader) }
    }
  }

  /// Cancels what is in flight and waits for the readers.
  func stop() {
    stopPipe.wake()
    for reader in readers.withLock({ $0 }) { reader.join() }
  }
}
