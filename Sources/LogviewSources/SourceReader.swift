import Glibc
import LogviewStore
import LogviewSystem
import Synchronization

/// Feeds one source into a LiveLog from a dedicated thread (not a Task: a blocking read must
/// not pin one of the few cooperative threads). Regular files are mapped and indexed in place,
/// then optionally followed (polling, with rotation and truncation handled); pipes, FIFOs and
/// stdin are read as data arrives, the partial last line kept until its newline.
public final class SourceReader: @unchecked Sendable {
  private let stopSignal: WakePipe
  private let thread: ThreadHandle
  private let stopped = Atomic<Bool>(false)

  /// Follow mode looks for appended bytes this often.
  static let followPollMilliseconds: Int32 = 150

  /// Opens `path` ("-" = stdin) and starts its reader thread. Opening errors are thrown here;
  /// read errors later end the source with `log.finish(source:error:)`. `onAppend` runs on
  /// the reader thread after each append and after the source finishes.
  /// `awaitMissing`: a path that does not exist yet is followed from its creation (-f)
  /// instead of being an error.
  public static func start(
    path: String, source: Int, log: LiveLog, follow: Bool, awaitMissing: Bool = false,
    onAppend: @escaping @Sendable () -> Void
  ) throws(SourceError) -> SourceReader {
    try start(
      path: path, source: source, log: log, follow: follow, awaitMissing: awaitMissing,
      pollMilliseconds: followPollMilliseconds, onAppend: onAppend)
  }

  static func start(
    path: String, source: Int, log: LiveLog, follow: Bool, awaitMissing: Bool = false,
    pollMilliseconds: Int32, onAppend: @escaping @Sendable () -> Void
  ) throws(SourceError) -> SourceReader {
    let input = try open(path, follow: follow, awaitMissing: awaitMissing)
    let stop = WakePipe()
    let job = ReaderJob(
      input: input, source: source, log: log, stop: stop, pollMilliseconds: pollMilliseconds,
      onAppend: onAppend)
    return SourceReader(
      stop: stop, thread: ThreadHandle(name: "logview-read-\(source)") { job.run() })
  }

  /// Opens several regular files for a merged start: map each (errors thrown here), index
  /// them all merged by time (LiveLog.appendMerged), then follow each from its end. Runs on
  /// a loader thread so the caller can draw while the files are indexed. A .gz file is
  /// decompressed into a private temporary file on that thread, merged like the others and
  /// not followed (archives do not grow).
  public static func startMerged(
    paths: [String], log: LiveLog, onAppend: @escaping @Sendable () -> Void
  ) throws(SourceError) -> [SourceReader] {
    var opened: [MergedSource] = []
    for path in paths {
      if GzipStream.isGzip(path: path) {
        opened.append(.compressed(try GzipStream(path: path)))
      } else if let file = try MappedFile.open(path) {
        opened.append(.mapped(file))
      } else {
        throw .cannotOpen(path: path, errno: EINVAL)
      }
    }
    let sources = opened
    let loaded = WakePipe()
    let loader = ThreadHandle(name: "logview-merge") {
      var inputs: [MergeInput] = []
      // Archives end once merged; with the error that cut one short, if any.
      var archives: [(source: Int, error: String?)] = []
      for (source, input) in sources.enumerated() {
        let file: MappedFile
        var complete: Int
        switch input {
        case .mapped(let mapped):
          file = mapped
          complete = ReaderJob.completeLength(of: file.bytes)
        case .compressed(let stream):
          do {
            let spooled = try SpooledFile.spool(stream, name: stream.name)
            file = spooled.file
            archives.append((source, spooled.error?.description))
          } catch {
            archives.append((source, "\(error)"))
            continue
          }
          // An archive's last line needs no newline: it will not grow.
          complete = file.bytes.count
        }
        inputs.append(
          MergeInput(
            bytes: UnsafeRawBufferPointer(rebasing: file.bytes[0..<complete]), owner: file,
            source: source))
      }
      log.appendMerged(inputs, progress: onAppend)
      for archive in archives { log.finish(source: archive.source, error: archive.error) }
      onAppend()
      loaded.wake()
    }
    var readers: [SourceReader] = []
    for (source, input) in opened.enumerated() {
      guard case .mapped(let file) = input else { continue }
      let stop = WakePipe()
      let job = ReaderJob(
        input: .preloaded(file), source: source, log: log, stop: stop,
        pollMilliseconds: followPollMilliseconds, onAppend: onAppend)
      let joinsLoader = readers.isEmpty
      // Following starts once the merged load is published, so appends come after it.
      readers.append(
        SourceReader(
          stop: stop,
          thread: ThreadHandle(name: "logview-read-\(source)") {
            _ = loaded.wait(milliseconds: nil)
            loaded.wake()
            if joinsLoader { loader.join() }
            job.run()
          }))
    }
    if readers.isEmpty {
      // Only archives: nothing to follow, but the loader must be waited for on stop.
      let stop = WakePipe()
      readers.append(
        SourceReader(
          stop: stop,
          thread: ThreadHandle(name: "logview-wait") {
            loader.join()
          }))
    }
    return readers
  }

  /// One input of a merged start.
  enum MergedSource: Sendable {
    case mapped(MappedFile)
    case compressed(GzipStream)
  }

  private init(stop: WakePipe, thread: ThreadHandle) {
    self.stopSignal = stop
    self.thread = thread
  }

  deinit { stop() }

  /// Stops the reader thread and waits for it to exit (unless called from it, e.g. from
  /// `onAppend`); no `onAppend` follows. A stopped source is not marked finished.
  public func stop() {
    guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
    stopSignal.wake()
    thread.join()
  }

  private static func open(_ path: String, follow: Bool, awaitMissing: Bool) throws(SourceError)
    -> ReaderJob.Input
  {
    if path == "-" {
      // `logview < file` maps the file like a named one (nothing to follow by name).
      if let mapped = try MappedFile.map(STDIN_FILENO, name: "-") {
        return .mapped(mapped, follow: false)
      }
      return .stream(StreamReader.standardInput())
    }
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT, follow, awaitMissing { return .awaited(path: path) }
      throw .cannotOpen(path: path, errno: errno)
    }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
    if (info.st_mode & S_IFMT) == S_IFREG, GzipStream.isGzip(path: path) {
      return .gzip(try GzipStream(path: path))
    }
    if (info.st_mode & S_IFMT) == S_IFREG, let mapped = try MappedFile.open(path) {
      return .mapped(mapped, follow: follow)
    }
    // A FIFO opened without O_NONBLOCK would block here until a writer appears.
    let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    return .stream(StreamReader(name: path, fd: fd, ownsDescriptor: true))
  }
}
