import LogviewBundle
import LogviewCore
import LogviewStore
import LogviewSystem
import Synchronization

/// Writes a view's records to a file as raw lines on a thread of its own, so that a million
/// records (250 MB) never hold up the screen; the explorer shows its progress meanwhile.
final class ViewSaver: Sendable {
  /// The records of a view: a filtered stream's snapshot (rows are computed, not copied) or
  /// a list's log indices (the errors pane, the correlation view).
  enum Records: Sendable {
    case snapshot(FilteredSnapshot)
    case indices([Int])

    var count: Int {
      switch self {
      case .snapshot(let snapshot): snapshot.count
      case .indices(let indices): indices.count
      }
    }

    func logIndex(_ row: Int) -> Int {
      switch self {
      case .snapshot(let snapshot): snapshot.index(at: row)
      case .indices(let indices): indices[row]
      }
    }
  }

  /// How it ended: the bytes written, or why it failed.
  typealias Outcome = Result<Int, FileWriteError>

  /// What it writes: the records as raw lines (`S`), or an incident bundle of them (`b`).
  enum Kind: Sendable {
    case lines
    case bundle(BundleFiles)
  }

  let total: Int
  let shownPath: String
  /// The filter (or an ID field's scan) was still running: the file holds the matches found
  /// so far.
  let partial: Bool
  let kind: Kind
  private let written = Atomic<Int>(0)
  private let outcome = Mutex<Outcome?>(nil)

  /// Starts `work` on a thread of its own, handing it a way to report records written.
  private init(
    total: Int, shownPath: String, partial: Bool, kind: Kind,
    work: @escaping @Sendable (_ progress: (Int) -> Void) -> Outcome
  ) {
    self.total = total
    self.shownPath = shownPath
    self.partial = partial
    self.kind = kind
    _ = ThreadHandle(name: "logview-save") { [self] in
      let result = work { self.written.store($0, ordering: .relaxed) }
      outcome.withLock { $0 = result }
    }
  }

  /// Starts writing `records` of `log` to `file`, which it closes.
  convenience init(file: OutputFile, log: LiveLog, records: Records, redact: Bool = false) {
    var partial = false
    if case .snapshot(let snapshot) = records { partial = !snapshot.complete }
    let transfer = file
    self.init(total: records.count, shownPath: file.shownPath, partial: partial, kind: .lines) {
      Self.write(records, of: log, to: transfer, redact: redact, progress: $0)
    }
  }

  /// Starts reading `records` of `log` into `bundle` and writing it to `files`.
  convenience init(
    bundle: IncidentBundle, files: BundleFiles, replace: Bool, log: LiveLog, records: [Int],
    options: NormalizerOptions, partial: Bool
  ) {
    self.init(
      total: records.count, shownPath: files.shownMarkdown, partial: partial,
      kind: .bundle(files)
    ) { progress in
      var bundle = bundle
      let normalizer = Normalizer(options: options)
      for (row, index) in records.enumerated() where index >= log.firstKeptIndex {
        log.withText(at: index) { text, firstLineLength in
          normalizer.withRecord(text, firstLineLength: firstLineLength) { bundle.add($0) }
        }
        progress(row + 1)
      }
      return Result { () throws(FileWriteError) in
        try files.write(bundle, zone: options.zone, replace: replace)
      }
    }
  }

  /// Records written so far.
  var progress: Int { written.load(ordering: .relaxed) }

  /// Nil while writing.
  var result: Outcome? { outcome.withLock { $0 } }

  /// Copies records into a 1 MiB block and writes it whole: one system call per block,
  /// not per record.
  static func write(
    _ records: Records, of log: LiveLog, to file: OutputFile, redact: Bool = false,
    progress: (Int) -> Void
  ) -> Outcome {
    let blockSize = 1 << 20
    var block: [UInt8] = []
    block.reserveCapacity(blockSize + 4096)
    var bytes = 0
    do throws(FileWriteError) {
      for row in 0..<records.count {
        let index = records.logIndex(row)
        // A record --keep-last dropped meanwhile is gone: skipped, not read.
        guard index >= log.firstKeptIndex else { continue }
        log.withText(at: index) { text, _ in
          if redact {
            SensitiveRedaction.append(text, to: &block)
          } else {
            block.append(contentsOf: text)
          }
        }
        block.append(UInt8(ascii: "\n"))
        if block.count >= blockSize {
          try file.write(block)
          bytes += block.count
          block.removeAll(keepingCapacity: true)
          progress(row + 1)
        }
      }
      try file.write(block)
      bytes += block.count
      try file.close()
      progress(records.count)
      return .success(bytes)
    } catch {
      try? file.close()
      return .failure(error)
    }
  }
}
