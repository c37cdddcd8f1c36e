import LogviewCore
import LogviewSources

/// Where the records a store sends for one request ID go: into the log as a source of their
/// own, without the lines the log already holds (the store's first read brought those).
public final class CorrelationFeed: SourceFeed, @unchecked Sendable {
  private let base: LiveLogFeed
  private let source: Int
  /// The texts of the request's records already in the log (no line ends).
  private let known: Set<[UInt8]>

  /// `name`: the new source's name in the log.
  public init(base: LiveLogFeed, log: LiveLog, name: String, requestId: String) {
    self.base = base
    source = log.addSource(name: name)
    var known = Set<[UInt8]>()
    for index in log.indices(requestId: requestId) {
      log.withText(at: index) { bytes, _ in _ = known.insert(Array(bytes)) }
    }
    self.known = known
  }

  public func append(_ lines: UnsafeRawBufferPointer, source _: Int) -> Bool {
    var kept: [UInt8] = []
    kept.reserveCapacity(lines.count)
    LineSplitter.forEachLine(in: lines, startsSource: false) { line, _ in
      let end = line.last == 0x0D ? line.count - 1 : line.count
      guard end > 0, !known.contains(Array(line[0..<end])) else { return }
      kept.append(contentsOf: line)
      kept.append(0x0A)
    }
    guard !kept.isEmpty else { return true }
    return kept.withUnsafeBytes { base.append($0, source: source) }
  }

  public func appendMapped(_ region: SourceRegion, source: Int) -> Bool {
    append(region.bytes, source: source)
  }

  public func appendMerged(_ regions: [(region: SourceRegion, source: Int)]) -> Bool {
    regions.allSatisfy { append($0.region.bytes, source: $0.source) }
  }

  public func restart(source _: Int) { base.restart(source: source) }
  public func waiting(source _: Int, _ waiting: Bool) { base.waiting(source: source, waiting) }
  public func finish(source _: Int, error: SourceError?) {
    base.finish(source: source, error: error)
  }
  public func activity(source _: Int, _ text: String?) { base.activity(source: source, text) }
}
