/// Splits a byte stream into lines. Handles chunks that end mid-line, CRLF, a UTF-8 BOM at
/// the very start of the stream, a missing final newline; linear in input size for huge lines.
///
/// A line complete within one chunk is passed zero-copy (pointing into the chunk); only a
/// line spanning chunks is assembled in an internal buffer. After `finish` the splitter is
/// ready for a new stream.
public struct LineSplitter {
  /// The partial line carried over from earlier chunks (or a BOM prefix not yet decided).
  private var tail: [UInt8] = []
  /// False until the stream's first bytes were checked for a BOM.
  private var bomChecked = false

  /// Above this the carry-over buffer is released after use instead of kept for reuse,
  /// so one huge line does not pin its memory for the rest of the stream.
  private static let retainedCapacity = 1 << 20
  private static let bom: (UInt8, UInt8, UInt8) = (0xEF, 0xBB, 0xBF)

  public init() {}

  /// Calls `onLine` with each complete line (without "\n" or "\r\n").
  public mutating func feed(
    _ chunk: UnsafeRawBufferPointer, _ onLine: (UnsafeRawBufferPointer) -> Void
  ) {
    guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
    let end = chunk.count
    var i = 0
    if !bomChecked {
      // `tail` holds only a BOM prefix here. Decide as soon as a byte disagrees or all
      // three are seen; until then keep the bytes (they may still be ordinary text).
      while tail.count < 3, i < end, ByteScan.byte(base, i) == Self.bomByte(tail.count) {
        tail.append(ByteScan.byte(base, i))
        i &+= 1
      }
      if tail.count == 3 {
        tail.removeAll(keepingCapacity: true)
        bomChecked = true
      } else if i < end {
        bomChecked = true
      } else {
        return
      }
    }
    if !tail.isEmpty {
      let nl = ByteScan.index(of: 0x0A, in: base, from: i, end: end)
      tail.append(contentsOf: UnsafeRawBufferPointer(start: base + i, count: nl &- i))
      guard nl < end else { return }
      tail.withUnsafeBytes { onLine(Self.strippingCR($0)) }
      releaseTail()
      i = nl &+ 1
    }
    while i < end {
      let nl = ByteScan.index(of: 0x0A, in: base, from: i, end: end)
      guard nl < end else {
        tail.append(contentsOf: UnsafeRawBufferPointer(start: base + i, count: end &- i))
        return
      }
      onLine(Self.strippingCR(UnsafeRawBufferPointer(start: base + i, count: nl &- i)))
      i = nl &+ 1
    }
  }

  /// Emits the last partial line, if any (a truncated last line is still a line).
  /// It is passed as is: a lone trailing "\r" without "\n" is kept.
  public mutating func finish(_ onLine: (UnsafeRawBufferPointer) -> Void) {
    if !tail.isEmpty {
      tail.withUnsafeBytes { onLine($0) }
    }
    releaseTail()
    bomChecked = false
  }

  /// Calls `body` with each line of `buffer` and the offset where it starts, zero-copy
  /// (for memory-mapped files). Same rules as `feed` + `finish`: "\n" and a "\r" before it
  /// are stripped, a BOM at offset 0 is skipped, a final line without "\n" is included.
  public static func forEachLine(
    in buffer: UnsafeRawBufferPointer,
    _ body: (_ line: UnsafeRawBufferPointer, _ lineStart: Int) -> Void
  ) {
    guard let base = buffer.baseAddress else { return }
    let end = buffer.count
    var i = 0
    if end >= 3, ByteScan.byte(base, 0) == bom.0, ByteScan.byte(base, 1) == bom.1,
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

  private mutating func releaseTail() {
    if tail.capacity > Self.retainedCapacity {
      tail = []
    } else {
      tail.removeAll(keepingCapacity: true)
    }
  }

  @inline(__always)
  private static func bomByte(_ k: Int) -> UInt8 {
    k == 0 ? bom.0 : (k == 1 ? bom.1 : bom.2)
  }

  @inline(__always)
  private static func strippingCR(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let base = line.baseAddress, line.count > 0,
      ByteScan.byte(base, line.count &- 1) == 0x0D
    else { return line }
    return UnsafeRawBufferPointer(start: base, count: line.count &- 1)
  }
}
