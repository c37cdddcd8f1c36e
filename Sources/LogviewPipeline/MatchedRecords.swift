/// Where the matching records of one source are, to be printed merged by time with other
/// sources' once all are known (compact arrays: a few bytes a match).
struct MatchedRecords {
  var offsets: [Int] = []
  var lengths: [UInt32] = []
  var lines: [UInt32] = []
  /// Int64.min for a record without a timestamp.
  var times: [Int64] = []

  var count: Int { offsets.count }

  mutating func append(offset: Int, length: Int, line: Int, timestamp: Int64?) {
    offsets.append(offset)
    lengths.append(UInt32(clamping: length))
    lines.append(UInt32(clamping: line))
    times.append(timestamp ?? Int64.min)
  }

  mutating func append(contentsOf other: MatchedRecords) {
    offsets += other.offsets
    lengths += other.lengths
    lines += other.lines
    times += other.times
  }

  func time(at index: Int) -> Int64? {
    times[index] == Int64.min ? nil : times[index]
  }
}
