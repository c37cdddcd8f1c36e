/// A Screen that keeps the last frame, for render tests.
public final class InMemoryScreen: Screen {
  public private(set) var width: Int
  public private(set) var height: Int
  public private(set) var frame: CellBuffer?
  /// How many frames were presented (to check that a change redraws, or that nothing did).
  public private(set) var presentCount = 0

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public func present(_ buffer: CellBuffer) {
    frame = buffer
    presentCount += 1
  }

  /// Changes the size, as a terminal resize would; the last frame stays until the next one.
  public func resize(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The last frame as text, one line per row, trailing spaces removed.
  public var text: String { frame?.lines().joined(separator: "\n") ?? "" }

  /// The last frame with its style runs marked (see `CellBuffer.styledLines()`).
  public var styledText: String { frame?.styledLines().joined(separator: "\n") ?? "" }
}
