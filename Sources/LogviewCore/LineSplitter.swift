/// Splits bytes into lines: "\n" or "\r\n" endings, a UTF-8 byte order mark at the start
/// of a source, a missing final newline; linear in input size for huge lines. Partial lines
/// of a stream wait in the sources' LineBuffer, so every buffer here holds whole lines.
public enum LineSplitter {
  private static let bom: (UInt8, UInt8, UInt8) = (0xEF, 0xBB, 0xBF)

  /// Calls `body` with each line of `buffer` and the offset where it starts, zero-copy:
  /// "\n" and a "\r" before it are stripped, a final line without "\n" is included. When
  /// the buffer starts its source, a byte order mark there is skipped (elsewhere a BOM is
  /// text: a stream's later pieces keep theirs).
  public static func forEachLine(
    in buffer: UnsafeRawBufferPointer, startsSource: Bool = true,
    _ body: (_ line: UnsafeRawBufferPointer, _ lineStart: Int) -> Void
  ) {
    guard let base = buffer.baseAddress else { return }
    let end = buffer.count
    var i = 0
    if startsSource, end >= 3, ByteScan.byte(base, 0) == bom.0, ByteScan.byte(base, 1) == bom.1,
      ByteScan.byte(base, 2) == bom.2
    {
      i = 3
    }
    while i < end {
      let nl = ByteScan.index(of: 0x0A, in: base, from: i, end: end)
      if nl == end {
        body(UnsafeRawBufferPointer(start: base + i, count: end &- i), i)
        return
      }
      body(strippingCR(UnsafeRawBufferPointer(start: base + i, count: nl &- i)), i)
      i = nl &+ 1
    }
  }

  @inline(__always)
  private static func strippingCR(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let base = line.baseAddress, line.count > 0,
      ByteScan.byte(base, line.count &- 1) == 0x0D
    else { return line }
    return UnsafeRawBufferPointer(start: base, count: line.count &- 1)
  }
}
