/// What the status line shows about one source.
public struct SourceStatus: Sendable, Equatable {
  public var name: String
  public var finished: Bool
  public var error: String?
  public init(name: String, finished: Bool = false, error: String? = nil) {
    self.name = name
    self.finished = finished
    self.error = error
  }
}
