import LogviewCore
import LogviewSources

/// Headless output of several sources (or of one request's records) as one timeline: the
/// matching records of each source are found on all cores, then printed merged by time
/// (TimeMerge, as the explorer loads them), or for a request sorted by time.
struct MergedOutput {
  let regions: [(region: SourceRegion, source: Int)]
  let names: [[UInt8]]
  /// A request's timeline: sorted by time across and within sources.
  let sortByTime: Bool
  /// Records carry their line numbers (normalized output).
  let numbered: Bool

  /// Each region's matching records.
  func collect(_ makeWorker: @escaping () -> RecordWorker) -> [MatchedRecords] {
    regions.map { input in
      var found = MatchedRecords()
      let scan = ParallelScan(
        makeWorker: makeWorker, needLineNumbers: numbered, producesOutput: false)
      scan.run(input.region.bytes, sourceName: names[input.source]) { result in
        found.append(contentsOf: result.collected)
        return true
      }
      return found
    }
  }

  /// (region, record) pairs in output order.
  func order(_ found: [MatchedRecords]) -> [(region: Int, record: Int)] {
    var merge = TimeMerge(sources: found.count)
    var heads = Array(repeating: 0, count: found.count)
    var order: [(region: Int, record: Int)] = []
    order.reserveCapacity(found.reduce(0) { $0 + $1.count })
    while case .source(let r) = merge.pick({ r in
      heads[r] < found[r].count ? .record(found[r].time(at: heads[r])) : .exhausted
    }) {
      order.append((r, heads[r]))
      merge.took(r, time: found[r].time(at: heads[r]))
      heads[r] += 1
    }
    guard sortByTime else { return order }
    // Stable: equal times keep the merged order. Untimed records sort at their
    // predecessor's time, as in the merge.
    var effective: [Int64] = []
    var last = Array(repeating: Int64.min, count: found.count)
    for (r, i) in order {
      if let t = found[r].time(at: i) { last[r] = t }
      effective.append(last[r])
    }
    return order.indices.sorted {
      effective[$0] != effective[$1] ? effective[$0] < effective[$1] : $0 < $1
    }
    .map { order[$0] }
  }

  /// Prints the records in `order` through `formatter`, handing output on in pieces.
  func write(
    _ found: [MatchedRecords], in order: [(region: Int, record: Int)], worker: RecordWorker,
    _ deliver: ([UInt8]) -> Bool
  ) {
    var out: [UInt8] = []
    var unterminated = false
    for (r, i) in order {
      let bytes = regions[r].region.bytes
      let offset = found[r].offsets[i]
      let end = offset + Int(found[r].lengths[i])
      let text = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
      // A raw record that ended its source without a newline is not glued to the next.
      if unterminated { out.append(0x0A) }
      let raw = RecordSplitter.rawRange(start: offset, end: end, in: bytes, startsSource: true)
      worker.normalizer.withRecord(
        text, firstLineLength: RecordSplitter.firstLineLength(of: text),
        needs: worker.formatter.needs
      ) { record in
        worker.write(
          record, raw: UnsafeRawBufferPointer(rebasing: bytes[raw]),
          text: (offset - raw.lowerBound)..<(end - raw.lowerBound),
          source: names[regions[r].source], line: Int(found[r].lines[i]), to: &out)
      }
      unterminated = out.last != 0x0A
      if out.count >= 1 << 20 {
        guard deliver(out) else { return }
        out.removeAll(keepingCapacity: true)
      }
    }
    _ = deliver(out)
  }

  /// Each record in `order`, fully normalized (a request's bundle gathers them).
  func forEach(
    _ found: [MatchedRecords], in order: [(region: Int, record: Int)], worker: RecordWorker,
    _ body: (RecordView) -> Void
  ) {
    for (r, i) in order {
      let offset = found[r].offsets[i]
      let text = UnsafeRawBufferPointer(
        rebasing: regions[r].region.bytes[offset..<offset + Int(found[r].lengths[i])])
      worker.normalizer.withRecord(
        text, firstLineLength: RecordSplitter.firstLineLength(of: text), needs: .all, body)
    }
  }
}
