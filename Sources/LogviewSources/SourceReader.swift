import LogviewStore
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Feeds one source into a LiveLog from a dedicated thread (not a Task: a blocking read must
/// not pin one of the few cooperative threads). Regular files are mapped and indexed in place,
/// then optionally followed (polling, with rotation and truncation handled); pipes, FIFOs and
/// stdin are read as data arrives, the partial last line kept until its newline.
public final class SourceReader: @unchecked Sendable {
  private let stopSignal: StopSignal
  private let thread: ThreadHandle
  private let stopped = Atomic<Bool>(false)

  /// Follow mode looks for appended bytes this often.
  static let followPollMilliseconds: Int32 = 150

  /// Opens `path` ("-" = stdin) and starts its reader thread. Opening errors are thrown here;
  /// read errors later end the source with `log.finish(source:error:)`. `onAppend` runs on
  /// the reader thread after each append and after the source finishes.
  public static func start(
    path: String, source: Int, log: LiveLog, follow: Bool,
    onAppend: @escaping @Sendable () -> Void
  ) throws(SourceError) -> SourceReader {
    try start(
      path: path, source: source, log: log, follow: follow,
      pollMilliseconds: followPollMilliseconds, onAppend: onAppend)
  }

  static func start(
    path: String, source: Int, log: LiveLog, follow: Bool, pollMilliseconds: Int32,
    onAppend: @escaping @Sendable () -> Void
  ) throws(SourceError) -> SourceReader {
    let input = try open(path, follow: follow)
    let stop = StopSignal()
    let job = ReaderJob(
      input: input, source: source, log: log, stop: stop, pollMilliseconds: pollMilliseconds,
      onAppend: onAppend)
    return SourceReader(
      stop: stop, thread: ThreadHandle(name: "logview-read-\(source)") { job.run() })
  }

  /// Opens several regular files for a merged start: map each (errors thrown here), index
  /// them all merged by time (LiveLog.appendMerged), then follow each from its end. Runs on
  /// a loader thread so the caller can draw while the files are indexed.
  public static func startMerged(
    paths: [String], log: LiveLog, onAppend: @escaping @Sendable () -> Void
  ) throws(SourceError) -> [SourceReader] {
    var files: [MappedFile] = []
    for path in paths {
      guard let file = try MappedFile.open(path) else {
        throw .cannotOpen(path: path, errno: EINVAL)
      }
      files.append(file)
    }
    let inputs = files.enumerated().map { source, file in
      var complete = file.bytes.count
      while complete > 0, file.bytes[complete - 1] != 0x0A { complete -= 1 }
      return MergeInput(
        bytes: UnsafeRawBufferPointer(rebasing: file.bytes[0..<complete]), owner: file,
        source: source)
    }
    let loaded = StopSignal()
    let loader = ThreadHandle(name: "logview-merge") {
      log.appendMerged(inputs, progress: onAppend)
      onAppend()
      loaded.signal()
    }
    return files.enumerated().map { source, file in
      let stop = StopSignal()
      let job = ReaderJob(
        input: .preloaded(file), source: source, log: log, stop: stop,
        pollMilliseconds: followPollMilliseconds, onAppend: onAppend)
      // Following starts once the merged load is published, so appends come after it.
      return SourceReader(
        stop: stop,
        thread: ThreadHandle(name: "logview-read-\(source)") {
          _ = loaded.wait(milliseconds: -1)
          loaded.signal()
          if source == 0 { loader.join() }
          job.run()
        })
    }
  }

  private init(stop: StopSignal, thread: ThreadHandle) {
    self.stopSignal = stop
    self.thread = thread
  }

  deinit { stop() }

  /// Stops the reader thread and waits for it to exit (unless called from it, e.g. from
  /// `onAppend`); no `onAppend` follows. A stopped source is not marked finished.
  public func stop() {
    guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
    stopSignal.signal()
    thread.join()
  }

  private static func open(_ path: String, follow: Bool) throws(SourceError) -> ReaderJob.Input {
    if path == "-" {
      // `logview < file` maps the file like a named one (nothing to follow by name).
      if let mapped = try MappedFile.map(STDIN_FILENO, name: "-") {
        return .mapped(mapped, follow: false)
      }
      return .stream(StreamReader.standardInput())
    }
    var info = stat()
    guard stat(path, &info) == 0 else { throw .cannotOpen(path: path, errno: errno) }
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
