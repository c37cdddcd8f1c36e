import LogviewCore

/// Line numbers of a LiveLog's records without 4 bytes a record: a record's line is its
/// source's previous record's line plus the lines that record spans (1 + its newlines, blank
/// lines being part of the record before them). The writer keeps a checkpoint every
/// `interval` records of a source and wherever that rule does not hold (the first record,
/// rotation, a record extended after it was published), so a line is found by counting the
/// newlines of at most `interval` records.
struct LineCheckpoints {
  static let interval = 1024

  struct Source {
    /// Log indices and the 1-based lines of the records there, in index order.
    var indices: [Int] = []
    var lines: [Int] = []
    /// The line the source's next record has by the counting rule; nil when unknown.
    var predicted: Int?
    var sinceCheckpoint = 0
  }

  private(set) var sources: [Source] = []

  /// Writer: record `index` of `source` is at `line` and spans `span` lines.
  mutating func record(index: Int, source: Int, line: Int, span: Int) {
    while sources.count <= source { sources.append(Source()) }
    // In place: a copy of the state would make each append copy the arrays.
    if sources[source].predicted != line || sources[source].sinceCheckpoint >= Self.interval {
      sources[source].indices.append(index)
      sources[source].lines.append(line)
      sources[source].sinceCheckpoint = 0
    }
    sources[source].sinceCheckpoint += 1
    sources[source].predicted = line + span
  }

  /// Writer: the source's last record changed its span, or the source starts over.
  mutating func forgetPrediction(source: Int) {
    guard sources.indices.contains(source) else { return }
    sources[source].predicted = nil
  }

  /// Lines a record spans: its first, its continuation lines and the blank lines after it.
  static func span(of text: UnsafeRawBufferPointer) -> Int {
    1 + ByteCount.newlines(in: text)
  }

  /// Before the records below `index` lose their bytes: a checkpoint at `index` holding the
  /// line of the source's first record there or after (counting a checkpoint need not sit on
  /// a record of its source), and none below it. `spans(range)` sums the spans of the
  /// source's records in `range`.
  mutating func anchor(source: Int, at index: Int, spans: (Range<Int>) -> Int) {
    guard sources.indices.contains(source), let base = checkpoint(source: source, atOrBefore: index)
    else { return }
    let line = base.line + spans(base.index..<index)
    var state = sources[source]
    sources[source] = Source()
    let keep = state.indices.firstIndex { $0 > index } ?? state.indices.count
    state.indices.replaceSubrange(0..<keep, with: [index])
    state.lines.replaceSubrange(0..<keep, with: [line])
    sources[source] = state
  }

  /// The nearest checkpoint of `source` at or before `index`.
  func checkpoint(source: Int, atOrBefore index: Int) -> (index: Int, line: Int)? {
    guard sources.indices.contains(source) else { return nil }
    let indices = sources[source].indices
    var low = 0
    var high = indices.count
    while low < high {
      let mid = (low + high) / 2
      if indices[mid] <= index { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { return nil }
    return (indices[low - 1], sources[source].lines[low - 1])
  }
}
