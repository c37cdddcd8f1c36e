public struct Rect: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// The columns and rows of this rect inside a `width` x `height` grid; nil when nothing is
  /// inside. Sums saturate so that extreme coordinates never overflow.
  func clipped(width: Int, height: Int) -> (columns: Range<Int>, rows: Range<Int>)? {
    let x0 = max(0, x)
    let y0 = max(0, y)
    let x1 = min(width, Self.saturatingSum(x, max(0, self.width)))
    let y1 = min(height, Self.saturatingSum(y, max(0, self.height)))
    guard x0 < x1, y0 < y1 else { return nil }
    return (x0..<x1, y0..<y1)
  }

  static func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow { return b > 0 ? Int.max : Int.min }
    return sum
  }
}
