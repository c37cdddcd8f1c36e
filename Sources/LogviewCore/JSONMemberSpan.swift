/// Offsets of one object member inside the scanned buffer.
/// For a string, `value` is the content between the quotes (still escaped);
/// for any other kind it is the raw token (objects/arrays include their brackets).
public struct JSONMemberSpan: Sendable, Equatable {
  public var keyStart: Int32
  public var keyEnd: Int32
  public var valueStart: Int32
  public var valueEnd: Int32
  public var kind: JSONKind
  public var keyHasEscapes: Bool
  public var valueHasEscapes: Bool

  public init(
    keyStart: Int32, keyEnd: Int32, valueStart: Int32, valueEnd: Int32, kind: JSONKind,
    keyHasEscapes: Bool, valueHasEscapes: Bool
  ) {
    self.keyStart = keyStart
    self.keyEnd = keyEnd
    self.valueStart = valueStart
    self.valueEnd = valueEnd
    self.kind = kind
    self.keyHasEscapes = keyHasEscapes
    self.valueHasEscapes = valueHasEscapes
  }

  /// The key (content between its quotes) as a borrowed value over `buffer`, the buffer
  /// that was scanned. Returns an empty value if the span does not fit in `buffer`.
  public func key(in buffer: UnsafeRawBufferPointer) -> JSONValue {
    JSONValue(
      bytes: Self.slice(buffer, keyStart, keyEnd), kind: .string, hasEscapes: keyHasEscapes)
  }

  /// The value as a borrowed value over `buffer`, the buffer that was scanned.
  public func value(in buffer: UnsafeRawBufferPointer) -> JSONValue {
    JSONValue(
      bytes: Self.slice(buffer, valueStart, valueEnd), kind: kind, hasEscapes: valueHasEscapes)
  }

  /// Bounds-checked so a span paired with the wrong buffer cannot read outside it.
  private static func slice(_ buffer: UnsafeRawBufferPointer, _ start: Int32, _ end: Int32)
    -> UnsafeRawBufferPointer
  {
    let s = Int(start)
    let e = Int(end)
    guard s >= 0, s <= e, e <= buffer.count else {
      return UnsafeRawBufferPointer(rebasing: buffer[0..<0])
    }
    return UnsafeRawBufferPointer(rebasing: buffer[s..<e])
  }
}
