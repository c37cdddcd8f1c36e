/// The values found for each normalization slot in one JSON object, reset per record in O(1)
/// by bumping a generation number instead of clearing the arrays.
struct FieldSlots {
  private var values: [JSONValue]
  private var memberIndex: [Int32]
  private var generation: [UInt32]
  private var current: UInt32 = 1

  init(count: Int) {
    let empty = JSONValue(
      bytes: UnsafeRawBufferPointer(start: nil, count: 0), kind: .null, hasEscapes: false)
    values = Array(repeating: empty, count: count)
    memberIndex = Array(repeating: -1, count: count)
    generation = Array(repeating: 0, count: count)
  }

  mutating func reset() {
    current &+= 1
    if current == 0 {
      for i in generation.indices { generation[i] = 0 }
      current = 1
    }
  }

  /// `member` is the top-level member index for a direct hit, -1 for a value found below one.
  mutating func set(_ slot: Int, _ value: JSONValue, member: Int32) {
    values[slot] = value
    memberIndex[slot] = member
    generation[slot] = current
  }

  func value(_ slot: Int) -> JSONValue? {
    generation[slot] == current ? values[slot] : nil
  }

  func member(_ slot: Int) -> Int32 {
    generation[slot] == current ? memberIndex[slot] : -1
  }
}
