import LogviewCore

/// Metadata of one record in a LiveLog (its bytes stay in the log's segments).
public struct LiveRecord: Sendable, Equatable {
  public var source: UInt16
  public var level: Level?
  /// Nanoseconds since the epoch, UTC, to the millisecond (LiveLog keeps 4 bytes a record).
  public var timestamp: Int64?
  /// RequestIdHash of the request ID, 0 when none.
  public var requestIdHash: UInt32
  public init(source: UInt16, level: Level?, timestamp: Int64?, requestIdHash: UInt32) {
    self.source = source
    self.level = level
    self.timestamp = timestamp
    self.requestIdHash = requestIdHash
  }
}
