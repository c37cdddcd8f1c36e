/// Where a frame goes: the real terminal or an in-memory grid in tests.
public protocol Screen: AnyObject {
  var width: Int { get }
  var height: Int { get }
  func present(_ buffer: CellBuffer)
}
