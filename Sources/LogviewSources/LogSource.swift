import LogviewSystem

/// One input, whatever its kind: a regular file (mapped; followed when asked), a stream
/// (standard input, a pipe, a named FIFO, `<(cmd)`), a gzip archive or gzip stream, and log
/// stores next. SourceOpener decides the kind; SourceGroup runs them on reader threads.
public protocol LogSource: AnyObject, Sendable {
  /// The name shown for it: the path as given, "-" for standard input.
  var name: String { get }
  /// True when all the source holds can be read at once without waiting for a writer (a
  /// file or an archive): such sources load together into one start merged by time.
  var isLoadable: Bool { get }
  /// True when the source goes on after what load() read (a followed file): its run(after:)
  /// tails it. Whoever loaded any other source finishes it.
  var growsAfterLoad: Bool { get }
  /// Reads what the source holds now into one region: a file in place (through its last
  /// newline when it will be followed), an archive or a stream spooled into a private
  /// temporary file (waiting for a stream to end). Also returns the error that cut it short;
  /// nil when `stop` was woken first.
  func load(stop: WakePipe) -> (region: SourceRegion, error: SourceError?)?
  /// Feeds `feed` as source `index` until the input ends or `stop` is woken: from the start,
  /// or (for a source that grows after load) after `loaded`, already delivered. Finishes the
  /// source in the feed unless stopped.
  func run(_ index: Int, into feed: SourceFeed, after loaded: SourceRegion?, stop: WakePipe)
}
