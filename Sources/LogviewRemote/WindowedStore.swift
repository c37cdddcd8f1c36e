import LogviewSources
import LogviewSystem

/// What a store source does the same way whatever the store: read its window (at once into
/// a spool for a merged start, or straight to the feed), finish, or go on live with -f.
protocol WindowedStore: LogSource {
  /// Reads the window, handing records to `deliver`. Nil when stopped; else the error that
  /// cut it short and whether `deliver` refused more.
  func readWindow(stop: WakePipe, deliver: (UnsafeRawBufferPointer) -> Bool) -> (
    error: SourceError?, closed: Bool
  )?
  /// Live after the window, until stopped or the feed is closed.
  func follow(_ index: Int, into feed: SourceFeed, stop: WakePipe)
  /// The --explain line: the query sent and what stays local.
  var explanation: String { get }
}

extension WindowedStore {
  /// The window written to a SpoolWriter (a private temporary file), mapped once read.
  func load(stop: WakePipe) -> (region: SourceRegion, error: SourceError?)? {
    let empty = SourceRegion(bytes: UnsafeRawBufferPointer(start: nil, count: 0), owner: self)
    let spool: SpoolWriter
    do {
      spool = try SpoolWriter(name: name)
    } catch {
      return (empty, error)
    }
    var writeError: SourceError?
    let write: (UnsafeRawBufferPointer) -> Bool = { bytes in
      do throws(SourceError) {
        try spool.write(bytes)
        return true
      } catch {
        writeError = error
        return false
      }
    }
    guard let outcome = readWindow(stop: stop, deliver: write) else { return nil }
    do {
      let file = try spool.finish()
      return (SourceRegion(bytes: file.bytes, owner: file), writeError ?? outcome.error)
    } catch {
      return (empty, error)
    }
  }

  func run(_ index: Int, into feed: SourceFeed, after loaded: SourceRegion?, stop: WakePipe) {
    if loaded == nil {
      // Each page says how far paging has come (the status line counts the records).
      var pages = 0
      let deliver: (UnsafeRawBufferPointer) -> Bool = { bytes in
        pages += 1
        feed.activity(source: index, "paging, \(pages) pages read")
        return feed.append(bytes, source: index)
      }
      let outcome = readWindow(stop: stop, deliver: deliver)
      feed.activity(source: index, nil)
      guard let outcome else { return }
      if outcome.closed { return }
      if let error = outcome.error {
        feed.finish(source: index, error: error)
        return
      }
    }
    guard growsAfterLoad else {
      feed.finish(source: index, error: nil)
      return
    }
    follow(index, into: feed, stop: stop)
  }

  /// While following: a failure (retried) or nil once reading works again.
  func reportFollowing(_ error: SourceError?, index: Int, feed: SourceFeed) {
    feed.activity(source: index, error.map { "retrying: \($0.reason)" })
  }
}
