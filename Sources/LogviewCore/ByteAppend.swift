extension Array where Element == UInt8 {
  /// Appends raw bytes through the contiguous-buffer path (one copy, not a byte loop).
  @inlinable
  public mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
  }

  @inlinable
  public mutating func appendBytes(_ text: StaticString) {
    appendBytes(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }
}
