/// What the status line shows about one source.
public struct SourceStatus: Sendable, Equatable {
  public var name: String
  public var finished: Bool
  public var error: String?
  /// Followed by name but not there yet (-f on a file still to be created).
  public var waiting = false
  public init(name: String, finished: Bool = false, error: String? = nil) {
    self.name = name
    self.finished = finished
    self.error = error
  }
}
