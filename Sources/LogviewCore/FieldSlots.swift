/// The values found for each normalization slot in one JSON object, reset per record in O(1)
/// by bumping a generation number. Unsafe storage: no copy-on-write checks on the hot path.
final class FieldSlots {
  private let values: UnsafeMutablePointer<JSONValue>
  private let memberIndex: UnsafeMutablePointer<Int32>
  private let generation: UnsafeMutablePointer<UInt32>
  private let count: Int
  private var current: UInt32 = 1

  init(count: Int) {
    self.count = count
    let empty = JSONValue(
      bytes: UnsafeRawBufferPointer(start: nil, count: 0), kind: .null, hasEscapes: false)
    values = .allocate(capacity: max(count, 1))
    values.initialize(repeating: empty, count: max(count, 1))
    memberIndex = .allocate(capacity: max(count, 1))
    memberIndex.initialize(repeating: -1, count: max(count, 1))
    generation = .allocate(capacity: max(count, 1))
    generation.initialize(repeating: 0, count: max(count, 1))
  }

  deinit {
    values.deallocate()
    memberIndex.deallocate()
    generation.deallocate()
  }

  func reset() {
    current &+= 1
    if current == 0 {
      generation.update(repeating: 0, count: count)
      current = 1
    }
  }

  /// `member` is the top-level member index for a direct hit, -1 for a value found below one.
  @inline(__always)
  func set(_ slot: Int, _ value: JSONValue, member: Int32) {
    values[slot] = value
    memberIndex[slot] = member
    generation[slot] = current
  }

  @inline(__always)
  func value(_ slot: Int) -> JSONValue? {
    generation[slot] == current ? values[slot] : nil
  }

  @inline(__always)
  func member(_ slot: Int) -> Int32 {
    generation[slot] == current ? memberIndex[slot] : -1
  }
}
