/// A growable byte buffer with a stable address between resets, so borrowed views into it stay
/// valid while a record is in use. Not thread-safe; each Normalizer owns its own.
final class ScratchBuffer {
  private(set) var base: UnsafeMutableRawPointer
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 4096) {
    self.capacity = capacity
    base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
  }

  deinit { base.deallocate() }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  func reset() { count = 0 }

  /// Replaces the contents with `source` (an array the caller filled).
  func assign(_ source: [UInt8]) {
    reset()
    source.withUnsafeBytes { append($0) }
  }

  func append(_ source: UnsafeRawBufferPointer) {
    guard source.count > 0 else { return }
    reserve(count + source.count)
    (base + count).copyMemory(from: source.baseAddress!, byteCount: source.count)
    count += source.count
  }

  private func reserve(_ needed: Int) {
    guard needed > capacity else { return }
    var newCapacity = capacity
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
    newBase.copyMemory(from: base, byteCount: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}
