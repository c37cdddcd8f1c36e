import Glibc

/// Where one record lies in a buffer: its first line plus any continuation lines.
public struct RecordSpan: Sendable, Equatable {
  /// Byte offsets in the buffer; `end` excludes the final line's newline.
  public var start: Int
  public var end: Int
  public var firstLineLength: Int
  /// 0-based index, within the buffer, of the record's first line.
  public var firstLine: Int
  /// True for continuation lines at the very start of a buffer: they belong to a record that
  /// ended in the previous buffer (streaming input).
  public var continuesPrevious: Bool
}

/// Groups lines into records: a line continues the record before it when it is empty or when
/// ContinuationRule says so (tracebacks, stack frames, pretty-printed JSON bodies).
public enum RecordSplitter {
  /// Calls `body` for every record in `buffer`. With `leadingContinues`, continuation lines at
  /// the start are reported as one span with `continuesPrevious` set. `startsSource`: the
  /// buffer is the start of its source (where a byte order mark is skipped).
  public static func forEachRecord(
    in buffer: UnsafeRawBufferPointer, leadingContinues: Bool = false, startsSource: Bool = true,
    _ body: (RecordSpan) -> Void
  ) {
    guard let base = buffer.baseAddress else { return }
    var current: RecordSpan?
    var lineIndex = 0
    LineSplitter.forEachLine(in: buffer, startsSource: startsSource) { line, _ in
      let start = line.baseAddress.map { $0 - base } ?? 0
      defer { lineIndex += 1 }
      let continues =
        (current != nil || (leadingContinues && lineIndex == 0)) && isContinuation(line)
      if continues {
        if current == nil {
          current = RecordSpan(
            start: start, end: start + line.count, firstLineLength: line.count,
            firstLine: lineIndex,
            continuesPrevious: true)
        } else {
          current!.end = start + line.count
        }
        return
      }
      if let finished = current { body(finished) }
      current = RecordSpan(
        start: start, end: start + line.count, firstLineLength: line.count, firstLine: lineIndex,
        continuesPrevious: false)
    }
    if let finished = current { body(finished) }
  }

  /// A stored record's first line: up to its first newline (and a CR before it), or all of
  /// it when it is one line. Lets stores keep offsets and lengths only.
  @inline(__always)
  public static func firstLineLength(of record: UnsafeRawBufferPointer) -> Int {
    guard let base = record.baseAddress, let newline = memchr(base, 0x0A, record.count) else {
      return record.count
    }
    var length = UnsafeRawPointer(newline) - base
    if length > 0, record[length - 1] == 0x0D { length -= 1 }
    return length
  }

  /// A record's bytes as written, for raw output to reproduce byte for byte: from `start`
  /// (or from the byte order mark before it, when the buffer starts the source with one,
  /// which line splitting skips) to past its line end ("\n" or "\r\n", when it has one).
  @inline(__always)
  public static func rawRange(
    start: Int, end: Int, in buffer: UnsafeRawBufferPointer, startsSource: Bool
  ) -> Range<Int> {
    var from = start
    if startsSource, start == 3, buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB,
      buffer[2] == 0xBF
    {
      from = 0
    }
    var to = end
    if to < buffer.count, buffer[to] == 0x0D { to += 1 }
    if to < buffer.count, buffer[to] == 0x0A { to += 1 }
    return from..<to
  }

  static func isContinuation(_ line: UnsafeRawBufferPointer) -> Bool {
    guard let first = line.first else { return true }
    if first == UInt8(ascii: "{") { return false }
    if isBlank(line) { return true }
    return ContinuationRule.isContinuation(line)
  }

  static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  /// Splits `buffer` into about `target`-byte pieces that each start at a record boundary, so
  /// the pieces can be processed in parallel and give the same records as one pass.
  public static func chunkBoundaries(in buffer: UnsafeRawBufferPointer, target: Int) -> [Range<Int>]
  {
    guard buffer.count > target else { return [0..<buffer.count] }
    var ranges: [Range<Int>] = []
    var start = 0
    while start < buffer.count {
      let cut = start + target
      if cut >= buffer.count {
        ranges.append(start..<buffer.count)
        break
      }
      let end = nextRecordStart(after: cut, in: buffer)
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }

  /// The start of the first record beginning after `offset` (past the end of the line
  /// holding `offset`, and past continuation lines), or the buffer's end.
  public static func nextRecordStart(after offset: Int, in buffer: UnsafeRawBufferPointer) -> Int {
    guard let base = buffer.baseAddress else { return buffer.count }
    var cut = offset
    while cut < buffer.count {
      guard let newline = memchr(base + cut, 0x0A, buffer.count - cut) else { return buffer.count }
      cut = (UnsafeRawPointer(newline) - UnsafeRawPointer(base)) + 1
      guard cut < buffer.count else { return cut }
      if !isContinuation(line(at: cut, in: buffer)) { return cut }
    }
    return buffer.count
  }

  /// The start of the record holding `offset`: back to its line's start, then up over
  /// continuation lines, not before `floor` (a record start).
  public static func recordStart(
    of offset: Int, in buffer: UnsafeRawBufferPointer, notBefore floor: Int
  ) -> Int {
    var start = lineStart(of: offset, in: buffer, notBefore: floor)
    while start > floor, isContinuation(line(at: start, in: buffer)) {
      start = lineStart(of: start - 1, in: buffer, notBefore: floor)
    }
    return start
  }

  private static func lineStart(
    of offset: Int, in buffer: UnsafeRawBufferPointer, notBefore floor: Int
  ) -> Int {
    var i = offset
    while i > floor, buffer[i - 1] != 0x0A { i -= 1 }
    return i
  }

  /// The line starting at `start`, without its newline (and a CR before it).
  private static func line(at start: Int, in buffer: UnsafeRawBufferPointer)
    -> UnsafeRawBufferPointer
  {
    let rest = UnsafeRawBufferPointer(rebasing: buffer[start...])
    let length =
      rest.baseAddress.flatMap { memchr($0, 0x0A, rest.count) }.map {
        UnsafeRawPointer($0) - rest.baseAddress!
      } ?? rest.count
    var line = UnsafeRawBufferPointer(rebasing: rest[0..<length])
    if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
    return line
  }
}
