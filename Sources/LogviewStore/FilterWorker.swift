import Dispatch
import LogviewCore
import LogviewQuery
import LogviewSystem
import Synchronization

/// The FilterEngine's background thread and the state it shares with callers. The thread
/// sleeps on a semaphore while idle (no polling); setFilter and catchUp wake it.
final class FilterWorker: @unchecked Sendable {
  struct Shared {
    var filter: Filter?
    var generation = 0
    var restart = true
    var stopped = false
    var snapshot = FilteredSnapshot(
      matches: [], scanned: 0, total: 0, complete: false, generation: 0)
  }

  /// Block sizes of a scan (small values let tests run many rounds on few records).
  struct Tuning {
    /// The first block is small so the tail's first screen is there within milliseconds;
    /// later rounds double up to `maxRound` to amortize the parallel split and republishing.
    var firstBlock = 16 << 10
    var maxRound = 256 << 10
    /// Ranges shorter than this are scanned on the engine thread alone.
    var parallelMinimum = 8192
  }

  let tuning: Tuning

  let log: LiveLog
  let pool: NormalizerPool
  let onChange: @Sendable () -> Void
  let shared = Mutex(Shared())
  /// The newest requested generation (-1 once stopped), read between blocks so a stale scan
  /// stops without taking the lock.
  let requested = Atomic<Int>(0)
  /// Scans abandoned for a newer filter (observable by tests).
  let cancelledScans = Atomic<Int>(0)
  private let wake = DispatchSemaphore(value: 0)
  private let thread = Mutex<ThreadHandle?>(nil)

  // Owned by the worker thread.
  private var predicate: RecordPredicate?
  private var generation = -1
  /// Records [0, covered) are decided for `generation`.
  private var covered = 0

  init(
    log: LiveLog, tuning: Tuning,
    onChange: @escaping @Sendable () -> Void
  ) {
    self.log = log
    self.tuning = tuning
    // The log's own normalizers: same options, no second set per thread.
    self.pool = log.pool
    self.onChange = onChange
  }

  func start() {
    thread.withLock { $0 = ThreadHandle(name: "logview-filter") { [self] in run() } }
    wake.signal()
  }

  func signal() { wake.signal() }

  /// Stops the thread and waits for it (unless called from it), so no onChange follows.
  func stop() {
    let first = shared.withLock { s in
      defer { s.stopped = true }
      return !s.stopped
    }
    requested.store(-1, ordering: .relaxed)
    wake.signal()
    if first, let thread = thread.withLock({ $0 }) { thread.join() }
  }

  private enum Job {
    case stop
    case restart(Filter?, Int)
    case catchUp
  }

  private func run() {
    while true {
      wake.wait()
      while true {
        let job: Job = shared.withLock { s in
          if s.stopped { return .stop }
          guard s.restart else { return .catchUp }
          s.restart = false
          return .restart(s.filter, s.generation)
        }
        switch job {
        case .stop:
          return
        case .restart(let filter, let gen):
          recompute(filter, gen)
          continue
        case .catchUp:
          break
        }
        guard generation >= 0, covered < log.count, catchUpRound() else { break }
      }
    }
  }

  private func isCancelled(_ gen: Int) -> Bool { requested.load(ordering: .relaxed) != gen }

  /// Scans everything from the newest record backwards, publishing after each round.
  private func recompute(_ filter: Filter?, _ gen: Int) {
    let prepared = RecordPredicate(filter: filter)
    predicate = prepared
    generation = gen
    covered = 0
    let target = log.count
    if prepared.isAll {
      covered = target
      publish(gen, replacing: [], scanned: target, decided: 0..<target, isAll: true)
      return
    }
    // A re-filter reads every record: spilled input it read goes back to the file after.
    defer { log.forgetSpilledPages() }
    var rounds: [[Int]] = []
    var low = target
    var size = tuning.firstBlock
    // Records below the first kept one (--keep-last) are gone.
    let floor = log.firstKeptIndex
    var found = 0
    var publishedCount = 0
    while low > floor {
      let start = max(floor, low - size)
      guard let round = scan(start..<low, prepared, gen) else { return }
      rounds.append(round)
      found += round.count
      low = start
      size = min(size * 2, tuning.maxRound)
      if low == floor { covered = target }
      // Each publication copies every match so far (older rounds go in front): publish
      // every round while that is small, then only when the count has doubled, so a
      // recompute copies O(matches) in all, not O(matches x rounds).
      guard low == floor || found < 1 << 16 || found >= 2 * publishedCount else { continue }
      var matches: [Int] = []
      matches.reserveCapacity(found)
      for round in rounds.reversed() { matches += round }
      publishedCount = found
      guard
        publish(gen, replacing: matches, scanned: target - low + floor, decided: low..<target)
      else { return }
    }
    if target <= floor { publish(gen, replacing: [], scanned: 0, decided: 0..<target) }
  }

  /// Filters one round of records appended since the last look; false when nothing was done.
  private func catchUpRound() -> Bool {
    guard let predicate else { return false }
    let gen = generation
    covered = max(covered, log.firstKeptIndex)
    if predicate.isAll {
      // Everything passes: no index to extend, just the count.
      let end = log.count
      guard covered < end else { return false }
      covered = end
      return publish(gen, appending: [], scanned: end, decided: 0..<end, isAll: true)
    }
    let end = min(log.count, covered + tuning.maxRound)
    guard covered < end, let found = scan(covered..<end, predicate, gen) else { return false }
    covered = end
    return publish(gen, appending: found, scanned: end, decided: covered..<end)
  }

  /// Filters `range` on all cores; nil when a newer filter arrived meanwhile.
  private func scan(_ range: Range<Int>, _ predicate: RecordPredicate, _ gen: Int) -> [Int]? {
    let pieces = range.count < tuning.parallelMinimum ? 1 : Parallel.cores * 2
    let step = (range.count + pieces - 1) / pieces
    let results = Parallel.map(pieces) { i -> [Int]? in
      let piece =
        (range.lowerBound + i * step)..<min(range.upperBound, range.lowerBound + (i + 1) * step)
      guard !piece.isEmpty else { return [] }
      return pool.withNormalizer { normalizer in
        var out: [Int] = []
        let done = predicate.scan(piece, in: log, normalizer: normalizer, into: &out) {
          isCancelled(gen)
        }
        return done ? out : nil
      }
    }
    var joined: [Int] = []
    for result in results {
      guard let result else {
        cancelledScans.add(1, ordering: .relaxed)
        return nil
      }
      joined += result
    }
    return joined
  }

  @discardableResult
  private func publish(
    _ gen: Int, replacing: [Int]? = nil, appending: [Int]? = nil, scanned: Int,
    decided: Range<Int>, isAll: Bool = false
  ) -> Bool {
    let total = log.count
    let complete = covered == total
    let current = shared.withLock { s in
      guard s.generation == gen, !s.stopped else { return false }
      if let replacing {
        s.snapshot.matchList = MatchList(replacing)
        s.snapshot.skip = 0
      }
      if let appending { s.snapshot.matchList.append(contentsOf: appending) }
      // A catch-up extends what the recompute decided.
      s.snapshot.decided =
        replacing != nil || isAll
        ? decided : min(s.snapshot.decided.lowerBound, decided.lowerBound)..<decided.upperBound
      s.snapshot.scanned = scanned
      s.snapshot.total = total
      s.snapshot.complete = complete
      s.snapshot.isAll = isAll
      s.snapshot.allCount = isAll ? covered : 0
      // Rows of dropped records leave the top; a replacement is not a drop for the view.
      let dropped = s.snapshot.droppedRows
      s.snapshot.dropRecords(below: log.firstKeptIndex)
      if replacing != nil { s.snapshot.droppedRows = dropped }
      return true
    }
    if current { onChange() }
    return current
  }
}
