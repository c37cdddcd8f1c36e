import FuzzSupport
import LogviewCore

/// A buffer through LineSplitter and RecordSplitter. The first byte picks a piece size; the
/// rest is the buffer. Lines rebuild the buffer; records are ordered, disjoint and in
/// bounds; splitting at `chunkBoundaries` (how scans use all cores) gives the same records
/// as one pass; `recordStart` and `nextRecordStart` (how anchored scans jump) find the
/// boundaries of the record holding any byte.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordSplitter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard size > 0, let data else { return 0 }
  let target = Int(data[0] % 64) + 1
  let buffer = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
  SplitterFuzz.checkLines(buffer)
  let spans = SplitterFuzz.records(buffer, startsSource: true)
  SplitterFuzz.checkSpans(spans, in: buffer)
  SplitterFuzz.checkChunks(spans, in: buffer, target: target)
  SplitterFuzz.checkJumps(spans, in: buffer)
  return 0
}

enum SplitterFuzz {
  static func records(_ buffer: UnsafeRawBufferPointer, startsSource: Bool) -> [RecordSpan] {
    var spans: [RecordSpan] = []
    RecordSplitter.forEachRecord(in: buffer, startsSource: startsSource) { spans.append($0) }
    return spans
  }

  /// Each line plus the "\n" (or "\r\n") after it, in order, is the buffer after any BOM.
  static func checkLines(_ buffer: UnsafeRawBufferPointer) {
    var next = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    LineSplitter.forEachLine(in: buffer) { line, start in
      fuzzExpect(start == next, "line at \(start), expected \(next)")
      fuzzExpect(line.count <= buffer.count - start, "line past the end")
      let rest = UnsafeRawBufferPointer(rebasing: buffer[start...])
      fuzzExpect(rest.starts(with: line), "line is not the buffer's bytes")
      var end = start + line.count
      if end < buffer.count, buffer[end] == 0x0D { end += 1 }
      if end < buffer.count {
        fuzzExpect(buffer[end] == 0x0A, "line ends at byte \(buffer[end])")
        end += 1
      }
      next = end
    }
    fuzzExpect(next == buffer.count || buffer.isEmpty, "lines end at \(next) of \(buffer.count)")
  }

  static func checkSpans(_ spans: [RecordSpan], in buffer: UnsafeRawBufferPointer) {
    var last = 0
    for (i, span) in spans.enumerated() {
      fuzzExpect(
        span.start >= last && span.start <= span.end && span.end <= buffer.count
          && span.firstLineLength <= span.end - span.start && !span.continuesPrevious,
        "record \(i): \(span) after \(last)")
      let text = UnsafeRawBufferPointer(rebasing: buffer[span.start..<span.end])
      fuzzExpect(
        RecordSplitter.firstLineLength(of: text) == span.firstLineLength,
        "record \(i): first line \(RecordSplitter.firstLineLength(of: text)) vs \(span)")
      let raw = RecordSplitter.rawRange(
        start: span.start, end: span.end, in: buffer, startsSource: true)
      fuzzExpect(raw.lowerBound <= span.start && raw.upperBound >= span.end, "raw range \(raw)")
      last = span.end
    }
  }

  /// Pieces cut at `chunkBoundaries` and split one by one give the records of one pass.
  static func checkChunks(
    _ spans: [RecordSpan], in buffer: UnsafeRawBufferPointer, target: Int
  ) {
    var pieced: [RecordSpan] = []
    var expectedStart = 0
    for range in RecordSplitter.chunkBoundaries(in: buffer, target: target) {
      fuzzExpect(range.lowerBound == expectedStart, "piece \(range) after \(expectedStart)")
      expectedStart = range.upperBound
      let piece = UnsafeRawBufferPointer(rebasing: buffer[range])
      for var span in records(piece, startsSource: range.lowerBound == 0) {
        span.start += range.lowerBound
        span.end += range.lowerBound
        pieced.append(span)
      }
    }
    fuzzExpect(expectedStart == buffer.count, "pieces end at \(expectedStart)")
    fuzzExpect(pieced.count == spans.count, "\(pieced.count) records in pieces, \(spans.count)")
    for (a, b) in zip(pieced, spans) {
      fuzzExpect(
        a.start == b.start && a.end == b.end && a.firstLineLength == b.firstLineLength,
        "piece record \(a) vs \(b)")
    }
  }

  /// From any byte of a record (its line end included), `recordStart` finds the record's
  /// start and `nextRecordStart` the next record's.
  static func checkJumps(_ spans: [RecordSpan], in buffer: UnsafeRawBufferPointer) {
    let bom = buffer.starts(with: [0xEF, 0xBB, 0xBF])
    for (i, span) in spans.enumerated() {
      let next = i + 1 < spans.count ? spans[i + 1].start : buffer.count
      let first = i == 0 && bom ? 0 : span.start
      // A long record is probed at a few places: the harness stays linear.
      let probes = Set([first, span.start, (span.start + span.end) / 2, span.end, next - 1])
      for offset in probes where offset >= first && offset < next {
        let start = RecordSplitter.recordStart(of: offset, in: buffer, notBefore: 0)
        fuzzExpect(start == first, "recordStart(\(offset)) = \(start), record \(span)")
        let after = RecordSplitter.nextRecordStart(after: offset, in: buffer)
        fuzzExpect(after == next, "nextRecordStart(\(offset)) = \(after), expected \(next)")
      }
    }
  }
}

@main enum Main {
  static func main() { FuzzDriver.run(fuzzRecordSplitter) }
}
