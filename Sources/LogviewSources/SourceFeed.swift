/// Bytes of a source in place: a mapped file, or a stream or archive spooled into a private
/// temporary file and mapped. `owner` keeps the mapping alive.
public struct SourceRegion: @unchecked Sendable {
  public var bytes: UnsafeRawBufferPointer
  public var owner: AnyObject

  public init(bytes: UnsafeRawBufferPointer, owner: AnyObject) {
    self.bytes = bytes
    self.owner = owner
  }
}

/// Where sources deliver what they read: the explorer's log, or the headless pipeline.
/// Called from reader threads (several at once); implementations synchronize. The calls
/// that deliver bytes return false when the feed wants no more (its output was closed).
public protocol SourceFeed: AnyObject, Sendable {
  /// A source's bytes in place, complete lines (the last may lack its newline only when
  /// the source will not grow).
  func appendMapped(_ region: SourceRegion, source: Int) -> Bool
  /// Complete lines read from a stream or a followed file; the last line of an ended
  /// stream may lack its newline.
  func append(_ lines: UnsafeRawBufferPointer, source: Int) -> Bool
  /// Several sources' regions at once, merged by time.
  func appendMerged(_ regions: [(region: SourceRegion, source: Int)]) -> Bool
  /// The source starts over (its file was rotated, truncated or re-created): its line
  /// numbers restart and nothing it appends next continues an earlier record.
  func restart(source: Int)
  /// A followed file does not exist (yet), or exists again.
  func waiting(source: Int, _ waiting: Bool)
  /// The source ended, with the error that ended it, if any.
  func finish(source: Int, error: SourceError?)
  /// What a remote source is doing, for the explorer's status line ("paging: 20,000
  /// records", "retrying: ..."); nil when there is nothing to say.
  func activity(source: Int, _ text: String?)
}

extension SourceFeed {
  public func activity(source: Int, _ text: String?) {}
}
