import Dispatch
import LogviewCore
import LogviewStore
import LogviewSystem
import LogviewTriage
import Synchronization

/// Mines the filtered rows' message patterns off the UI thread for the patterns pane (`p`):
/// a thread of its own reads the rows a slice at a time (each slice in parts on all cores)
/// into a `PatternMiner` and publishes a copy after each slice, so the pane fills in ("mining… N%"). Rows arriving later are
/// mined as they come; a new filter (rows replaced) or rows dropped from the top start it
/// over. The UI asks again on each refresh while the pane is open (`sync`) and polls for
/// the result while mining goes on (`pending`).
final class PatternRunner {
  /// What the pane shows: the newest miner published and how far it got.
  struct Progress {
    var miner = PatternMiner()
    /// Rows mined of `total`, of the snapshot generation `generation`.
    var mined = 0
    var total = 0
    var generation = -1
    /// Changes with each publication (the pane's summary is kept until it does).
    var version = 0
  }

  /// Rows mined between publications.
  static let slice = 65_536

  private let log: LiveLog
  private let options: NormalizerOptions
  private let channel = Channel()
  private var started = false
  /// The last snapshot handed over (UI thread), to hand over only changes.
  private var requested: (generation: Int, count: Int, dropped: Int, isAll: Bool)?

  init(log: LiveLog, options: NormalizerOptions) {
    self.log = log
    self.options = options
  }

  deinit { channel.stop() }

  /// Hands the rows to mine over (UI thread); starts the thread the first time.
  func sync(_ snapshot: FilteredSnapshot) {
    let key = (snapshot.generation, snapshot.count, snapshot.droppedRows, snapshot.isAll)
    if let requested, requested == key { return }
    requested = key
    channel.shared.withLock { $0.request = snapshot }
    if !started {
      started = true
      let work = Work(log: log, options: options, channel: channel)
      _ = ThreadHandle(name: "logview-patterns") { work.run() }
    }
    channel.wake.signal()
  }

  /// The newest miner published.
  var progress: Progress { channel.shared.withLock { $0.progress } }

  /// Rows handed over are not all mined yet.
  var pending: Bool {
    channel.shared.withLock { s in
      guard let request = s.request else { return false }
      return s.progress.generation != request.generation || s.progress.mined < request.count
        || s.progress.total != request.count
    }
  }

  /// What the UI thread and the mining thread share; the thread holds it, not the runner,
  /// so a runner let go of stops the thread at its next slice.
  private final class Channel: Sendable {
    struct Shared {
      var request: FilteredSnapshot?
      var progress = Progress()
      var stopped = false
    }

    let shared = Mutex(Shared())
    let wake = DispatchSemaphore(value: 0)

    func stop() {
      shared.withLock { $0.stopped = true }
      wake.signal()
    }

    /// The next rows to mine, or nil to stop; waits while there are none new.
    func nextRequest(idle: (FilteredSnapshot) -> Bool) -> FilteredSnapshot? {
      while true {
        let (request, stopped) = shared.withLock { ($0.request, $0.stopped) }
        if stopped { return nil }
        if let request, !idle(request) { return request }
        wake.wait()
      }
    }
  }

  /// The thread's own state: it does not hold the lock while mining.
  private final class Work: @unchecked Sendable {
    let log: LiveLog
    /// One per core: a slice is mined in parts on all cores and merged.
    let normalizers: [Normalizer]
    let channel: Channel
    var progress = Progress()
    /// The rows mined: whether a new request continues them.
    var rows = RowProgress()

    init(log: LiveLog, options: NormalizerOptions, channel: Channel) {
      self.log = log
      let plan = NormalizerPlan(options: options)
      normalizers = (0..<Parallel.cores).map { _ in Normalizer(plan: plan) }
      self.channel = channel
    }

    func run() {
      while let snapshot = channel.nextRequest(idle: { rows.holds($0) && rows.counted >= $0.count })
      {
        if !rows.continues(snapshot) {
          progress = Progress(generation: snapshot.generation, version: progress.version + 1)
        }
        let end = min(snapshot.count, progress.mined + PatternRunner.slice)
        mine(snapshot, rows: progress.mined..<end)
        progress.total = snapshot.count
        progress.version += 1
        let published = progress
        channel.shared.withLock { $0.progress = published }
      }
    }

    private func mine(_ snapshot: FilteredSnapshot, rows: Range<Int>) {
      guard !rows.isEmpty else { return }
      var miner = progress.miner
      progress.miner = PatternMiner()
      let parts = normalizers.count
      let part = (rows.count + parts - 1) / parts
      let pieces = Parallel.map(parts) { p in
        var piece = PatternMiner()
        let normalizer = normalizers[p]
        let start = min(rows.upperBound, rows.lowerBound + p * part)
        for row in start..<min(rows.upperBound, start + part) {
          log.withText(at: snapshot.index(at: row)) { text, firstLineLength in
            normalizer.withRecord(
              text, firstLineLength: firstLineLength, needs: [.timestamp, .level, .text]
            ) { piece.add($0) }
          }
        }
        return piece
      }
      for piece in pieces { miner.merge(piece) }
      progress.miner = miner
      progress.mined = rows.upperBound
      self.rows.advance(to: rows.upperBound, in: snapshot)
    }
  }
}
