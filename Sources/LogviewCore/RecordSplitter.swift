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
/// ContinuationRule says so (stack traces, pretty-printed JSON bodies). The rule reads the
/// line before and, for a few shapes, the line after, so the forward pass, `nextRecordStart`
/// and `recordStart` give the same records from any place.
public enum RecordSplitter {
  /// Calls `body` for every record in `buffer`. With `leadingContinues`, continuation lines at
  /// the start are reported as one span with `continuesPrevious` set; `previous` is then what
  /// the line before the buffer looked like (`precedingShape(atEndOf:)` of the piece before).
  /// `startsSource`: the buffer is the start of its source (where a byte order mark is
  /// skipped).
  public static func forEachRecord(
    in buffer: UnsafeRawBufferPointer, leadingContinues: Bool = false,
    after previous: ContinuationRule.Preceding = [], startsSource: Bool = true,
    _ body: (RecordSpan) -> Void
  ) {
    guard buffer.baseAddress != nil else { return }
    var current: RecordSpan?
    var lineIndex = 0
    // Where the current record's last line starts when it has several: with the record's
    // end, the line before the next one, read only for lines that are not JSON (nothing more
    // is stored per JSON line).
    var lastContinuationStart = 0
    LineSplitter.forEachLine(in: buffer, startsSource: startsSource) { line, start in
      defer { lineIndex += 1 }
      let continues =
        (current != nil || (leadingContinues && lineIndex == 0))
        && isContinuation(
          line, at: start, in: buffer,
          after: current.map { lastLineShape(of: $0, lastContinuationStart, in: buffer) }
            ?? previous)
      if continues {
        if current == nil {
          current = RecordSpan(
            start: start, end: start + line.count, firstLineLength: line.count,
            firstLine: lineIndex,
            continuesPrevious: true)
        } else {
          current!.end = start + line.count
          lastContinuationStart = start
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

  /// The shape of the last line of `span` (its first line, or the one at `lastContinuationStart`).
  private static func lastLineShape(
    of span: RecordSpan, _ lastContinuationStart: Int, in buffer: UnsafeRawBufferPointer
  ) -> ContinuationRule.Preceding {
    let start = span.end == span.start + span.firstLineLength ? span.start : lastContinuationStart
    return ContinuationRule.Preceding.of(UnsafeRawBufferPointer(rebasing: buffer[start..<span.end]))
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

  /// Whether `line`, which starts at `start` in `buffer`, continues the record before it. The
  /// line before is read only for lines that are neither JSON nor blank, the line after only
  /// for the few shapes that need it: a JSON line is decided by its first byte.
  @inline(__always)
  static func isContinuation(
    _ line: UnsafeRawBufferPointer, at start: Int, in buffer: UnsafeRawBufferPointer,
    after previous: @autoclosure () -> ContinuationRule.Preceding
  ) -> Bool {
    guard let first = line.first else { return true }
    // A JSON object, or a line starting with a timestamp: the rule never continues them,
    // except a CRI line after a partial one, or whose content is a frame.
    if first == UInt8(ascii: "{") { return false }
    if ASCIIKind.isDigit(first) {
      guard let cri = CRILine.content(line) else { return false }
      let before = previous()
      if before.contains(.criPartial) { return true }
      let content = UnsafeRawBufferPointer(rebasing: line[cri.start...])
      return !content.isEmpty && ContinuationRule.verdict(content, after: before) == .continues
    }
    if isBlank(line) { return true }
    let verdict = ContinuationRule.verdict(line, after: previous())
    switch verdict {
    case .starts: return false
    case .continues: return true
    default:
      return ContinuationRule.holds(verdict, before: lineAfter(start + line.count, in: buffer))
    }
  }

  static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  /// What the last line of `buffer` looks like to the rule: a stream hands it on with its next
  /// piece (`forEachRecord(after:)`). `startsSource` as for `forEachRecord`.
  public static func precedingShape(
    atEndOf buffer: UnsafeRawBufferPointer, startsSource: Bool
  ) -> ContinuationRule.Preceding {
    var end = buffer.count
    if end > 0, buffer[end - 1] == 0x0A { end -= 1 }
    return precedingShape(lineEndingAt: end, in: buffer, notBefore: 0, startsSource: startsSource)
  }

  /// The shape of the line that ends at `end` (at its "\n", or the buffer's end), found by
  /// looking back no further than the longest line the rule reads (longer lines have no
  /// shape), nor before `floor` (a line start).
  static func precedingShape(
    lineEndingAt end: Int, in buffer: UnsafeRawBufferPointer, notBefore floor: Int,
    startsSource: Bool
  ) -> ContinuationRule.Preceding {
    // Room for a byte order mark and a CR besides the longest line.
    let limit = max(floor, end - (ContinuationRule.Preceding.longestLine + 5))
    var start = end
    while start > limit, buffer[start - 1] != 0x0A { start -= 1 }
    guard start == floor || buffer[start - 1] == 0x0A else { return [] }
    if startsSource, start == 0, hasByteOrderMark(buffer) { start = min(3, end) }
    var line = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
    if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
    return ContinuationRule.Preceding.of(line)
  }

  private static func hasByteOrderMark(_ buffer: UnsafeRawBufferPointer) -> Bool {
    buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
  }

  /// The line after the one ending at `end` (at its CR or LF), or nil at the buffer's end.
  private static func lineAfter(_ end: Int, in buffer: UnsafeRawBufferPointer)
    -> UnsafeRawBufferPointer?
  {
    var next = end
    if next < buffer.count, buffer[next] == 0x0D { next += 1 }
    guard next < buffer.count, buffer[next] == 0x0A, next + 1 < buffer.count else { return nil }
    return line(at: next + 1, in: buffer)
  }

  /// Splits `buffer` into about `target`-byte pieces that each start at a record boundary, so
  /// the pieces can be processed in parallel and give the same records as one pass.
  public static func chunkBoundaries(
    in buffer: UnsafeRawBufferPointer, target: Int, startsSource: Bool = true
  ) -> [Range<Int>] {
    guard buffer.count > target else { return [0..<buffer.count] }
    var ranges: [Range<Int>] = []
    var start = 0
    while start < buffer.count {
      let cut = start + target
      if cut >= buffer.count {
        ranges.append(start..<buffer.count)
        break
      }
      let end = nextRecordStart(after: cut, in: buffer, startsSource: startsSource)
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }

  /// The start of the first record beginning after `offset` (past the end of the line
  /// holding `offset`, and past continuation lines), or the buffer's end. `startsSource` as
  /// for `forEachRecord`.
  public static func nextRecordStart(
    after offset: Int, in buffer: UnsafeRawBufferPointer, startsSource: Bool = true
  ) -> Int {
    guard let base = buffer.baseAddress else { return buffer.count }
    var cut = offset
    // Where the line before the candidate starts, once known (the first is looked up).
    var previousStart: Int?
    while cut < buffer.count {
      guard let newline = memchr(base + cut, 0x0A, buffer.count - cut) else { return buffer.count }
      let newlineAt = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
      cut = newlineAt + 1
      guard cut < buffer.count else { return cut }
      let continues = isContinuation(
        line(at: cut, in: buffer), at: cut, in: buffer,
        after: precedingShape(
          lineEndingAt: newlineAt, in: buffer, notBefore: previousStart ?? 0,
          startsSource: startsSource))
      if !continues { return cut }
      previousStart = cut
    }
    return buffer.count
  }

  /// The start of the record holding `offset`: back to its line's start, then up over
  /// continuation lines, not before `floor` (a record start). `startsSource` as for
  /// `forEachRecord`.
  public static func recordStart(
    of offset: Int, in buffer: UnsafeRawBufferPointer, notBefore floor: Int,
    startsSource: Bool = true
  ) -> Int {
    var start = lineStart(of: offset, in: buffer, notBefore: floor)
    while start > floor,
      isContinuation(
        line(at: start, in: buffer), at: start, in: buffer,
        after: precedingShape(
          lineEndingAt: start - 1, in: buffer, notBefore: floor, startsSource: startsSource))
    {
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
