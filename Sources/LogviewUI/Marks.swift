/// Records the user marked with `m`, kept by log index: rows change with every filter, the
/// records stay, so a mark survives filter edits and comes back when its record does.
public struct Marks: Equatable, Sendable {
  /// Marked log indices, ascending.
  public private(set) var indices: [Int] = []

  public init() {}

  public var count: Int { indices.count }
  public var isEmpty: Bool { indices.isEmpty }

  public func contains(_ index: Int) -> Bool {
    let position = slot(of: index)
    return position < indices.count && indices[position] == index
  }

  /// Marks `index`, or unmarks it when it is marked; true when it is marked afterwards.
  @discardableResult
  public mutating func toggle(_ index: Int) -> Bool {
    let position = slot(of: index)
    if position < indices.count, indices[position] == index {
      indices.remove(at: position)
      return false
    }
    indices.insert(index, at: position)
    return true
  }

  /// Forgets marks on records the log dropped (--keep-last).
  public mutating func drop(below firstKept: Int) {
    guard let first = indices.first, first < firstKept else { return }
    indices.removeFirst(slot(of: firstKept))
  }

  /// The position of the first index not below `index`.
  private func slot(of index: Int) -> Int {
    var low = 0
    var high = indices.count
    while low < high {
      let mid = (low + high) / 2
      if indices[mid] < index { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
