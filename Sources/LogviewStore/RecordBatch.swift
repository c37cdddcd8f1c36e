import LogviewCore

/// Metadata of the records found in one piece of a buffer, computed without any lock (one
/// piece per thread) and published into the log's pages afterwards, in order.
struct RecordBatch {
  /// Byte offsets in the whole buffer (not the piece).
  var starts: [Int] = []
  var lengths: [UInt32] = []
  /// 0-based line index of the record's first line within the piece.
  var lines: [UInt32] = []
  /// Int64.min when the record has no timestamp.
  var timestamps: [Int64] = []
  var levels: [UInt8] = []
  var hashes: [UInt32] = []
  /// True when the first record is continuation lines that may belong to the source's
  /// previous record (only with `leadingContinues`).
  var firstContinues = false
  /// Lines in the piece, so the next piece's line numbers follow on.
  var lineCount = 0

  var count: Int { starts.count }

  /// Splits `buffer[range]` into records and normalizes each one. `startsSource`: the piece
  /// is the start of its source (a byte order mark there is skipped); `previous`: what the
  /// line before it looked like, when it may continue that line's record.
  static func build(
    _ buffer: UnsafeRawBufferPointer, range: Range<Int>, leadingContinues: Bool,
    after previous: ContinuationRule.Preceding = [], startsSource: Bool, normalizer: Normalizer
  ) -> RecordBatch {
    var batch = RecordBatch()
    let piece = UnsafeRawBufferPointer(rebasing: buffer[range])
    // ~250 bytes a line is typical; reserving avoids most regrowth.
    batch.reserve(range.count / 200 + 1)
    var last: RecordSpan?
    RecordSplitter.forEachRecord(
      in: piece, leadingContinues: leadingContinues, after: previous, startsSource: startsSource
    ) { span in
      if span.continuesPrevious { batch.firstContinues = true }
      last = span
      let text = UnsafeRawBufferPointer(rebasing: piece[span.start..<span.end])
      batch.starts.append(range.lowerBound + span.start)
      batch.lengths.append(UInt32(clamping: text.count))
      batch.lines.append(UInt32(clamping: span.firstLine))
      normalizer.withRecord(
        text, firstLineLength: span.firstLineLength, needs: [.timestamp, .level, .requestId]
      ) { record in
        batch.timestamps.append(record.timestamp ?? Int64.min)
        batch.levels.append(record.level?.rawValue ?? 0)
        batch.hashes.append(record.withText(of: .requestId) { RequestIdHash.of($0) } ?? 0)
      }
    }
    if let last {
      // The last record holds every line after its first one (trailing blank lines too).
      let text = UnsafeRawBufferPointer(rebasing: piece[last.start..<last.end])
      batch.lineCount = last.firstLine + ByteCount.newlines(in: text) + 1
    }
    return batch
  }

  private mutating func reserve(_ n: Int) {
    starts.reserveCapacity(n)
    lengths.reserveCapacity(n)
    lines.reserveCapacity(n)
    timestamps.reserveCapacity(n)
    levels.reserveCapacity(n)
    hashes.reserveCapacity(n)
  }
}
