import LogviewBundle
import LogviewSources
import LogviewSystem

/// Why a headless run failed.
public enum HeadlessError: Error, Sendable {
  case source(SourceError)
  case output(OutputError)
  /// `--bundle`'s files could not be written.
  case bundle(FileWriteError)
}

/// Prints (or counts) the records that pass the selection, then exits, or keeps following.
/// Inputs start through the same SourceOpener and SourceGroup as the explorer's.
public struct HeadlessRun {
  let options: HeadlessOptions
  let output: Int32
  let notice: @Sendable (String) -> Void

  /// `output` gets the records; `notice` words and writes a note (a file waited for) where
  /// the command line writes its messages.
  public init(options: HeadlessOptions, output: Int32, notice: @escaping @Sendable (String) -> Void)
  {
    self.options = options
    self.output = output
    self.notice = notice
  }

  /// Returns the number of matching records (for a report, the records it counted). Throws the first source error after printing
  /// everything that could be read, or the write error that stopped the output (a closed
  /// pipe, as with `| head`, is not an error).
  public func run() throws(HeadlessError) -> Int {
    let sources: [LogSource]
    do {
      sources = try SourceOpener.open(
        options.paths, follow: options.follow, awaitMissing: options.follow,
        stores: options.stores)
    } catch {
      throw .source(error)
    }
    let feed = PipelineFeed(
      options: options, names: sources.map(\.name), output: output, notice: notice)
    let group = SourceGroup(sources)
    feed.onStop = { [unowned group] in group.requestStop() }
    // Several sources are one timeline; so is one request's records.
    let merge = sources.count > 1 || options.matcher.requestId != nil
    group.start(into: feed, merge ? .mergeAll : .separate)
    group.wait()
    do {
      try feed.finishOutput()
    } catch {
      throw .output(error)
    }
    if let note = options.matcher.filter.regexLimitNote { notice(note) }
    if let files = options.bundle, let bundle = feed.bundle { try write(bundle, to: files) }
    if let error = feed.sourceErrors.first { throw .source(error) }
    return options.report == nil ? feed.matched : feed.reported
  }

  /// The request's bundle, once all its records are in; none when it has no record.
  private func write(_ bundle: IncidentBundle, to files: BundleFiles) throws(HeadlessError) {
    guard bundle.count > 0 else {
      notice("no record has request ID \(bundle.id): no bundle written")
      return
    }
    do {
      try files.write(bundle, zone: options.zone, replace: true)
    } catch {
      throw .bundle(error)
    }
    notice(files.writtenNote(records: bundle.count))
  }
}
