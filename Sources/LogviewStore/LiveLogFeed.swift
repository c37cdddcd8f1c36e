import LogviewSources

/// The explorer's SourceFeed: what the sources read goes into the LiveLog, and `onAppend`
/// (the filter engine's catch-up and the UI's wake-up) runs after each change, and while a
/// large file is still being indexed.
public final class LiveLogFeed: SourceFeed {
  public let log: LiveLog
  private let onAppend: @Sendable () -> Void

  public init(log: LiveLog, onAppend: @escaping @Sendable () -> Void) {
    self.log = log
    self.onAppend = onAppend
  }

  public func appendMapped(_ region: SourceRegion, source: Int) -> Bool {
    log.appendMapped(region.bytes, owner: region.owner, source: source, progress: onAppend)
    onAppend()
    return true
  }

  public func append(_ lines: UnsafeRawBufferPointer, source: Int) -> Bool {
    log.append(lines, source: source)
    onAppend()
    return true
  }

  public func appendMerged(_ regions: [(region: SourceRegion, source: Int)]) -> Bool {
    log.appendMerged(regions, progress: onAppend)
    onAppend()
    return true
  }

  public func restart(source: Int) {
    log.restart(source: source)
  }

  public func waiting(source: Int, _ waiting: Bool) {
    log.setWaiting(source: source, waiting)
    onAppend()
  }

  public func activity(source: Int, _ text: String?) {
    log.setActivity(source: source, text)
    onAppend()
  }

  public func finish(source: Int, error: SourceError?) {
    log.finish(source: source, error: error?.reason)
    onAppend()
  }
}
