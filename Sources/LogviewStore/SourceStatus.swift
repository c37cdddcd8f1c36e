/// What the status line shows about one source.
public struct SourceStatus: Sendable, Equatable {
  public var name: String
  public var finished: Bool
  public var error: String?
  /// Followed by name but not there yet (-f on a file still to be created).
  public var waiting = false
  /// What a remote source is doing (paging, retrying), for the status line.
  public var activity: String?
  public init(name: String, finished: Bool = false, error: String? = nil) {
    self.name = name
    self.finished = finished
    self.error = error
  }
}
