import LogviewCore

/// Metadata of one record in a LiveLog (its bytes stay in the log's segments).
public struct LiveRecord: Sendable, Equatable {
  public var source: UInt16
  /// 1-based line number of the record's first line in its source.
  public var line: Int
  public var level: Level?
  /// Nanoseconds since the epoch, UTC.
  public var timestamp: Int64?
  /// RecordStore.hash of the request ID, 0 when none.
  public var requestIdHash: UInt32
  public init(source: UInt16, line: Int, level: Level?, timestamp: Int64?, requestIdHash: UInt32) {
    self.source = source
    self.line = line
    self.level = level
    self.timestamp = timestamp
    self.requestIdHash = requestIdHash
  }
}
