/// FNV-1a, 64 bits: a hash stable across runs and machines (Swift's Hasher is seeded per
/// run), for what must be the same every time: pattern IDs, and the lint's message keys.
public struct FNV1a {
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  @inline(__always)
  public mutating func add(_ byte: UInt8) {
    value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }

  public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash = FNV1a()
    for byte in bytes { hash.add(byte) }
    return hash.value
  }
}
