/// The one merge by time of several sources (`logview api.log payment.log`): records go
/// out in timestamp order without reordering any one source; a record without a timestamp
/// stays right after its predecessor (it sorts at that record's time); ties go to the
/// source named first. The explorer's merged load and headless merged output both pick the
/// next record through it.
public struct TimeMerge: Sendable {
  /// What a source offers next.
  public enum Head: Sendable {
    /// A record, with its timestamp if it has one.
    case record(Int64?)
    /// Nothing known yet, but more may come: the merge must wait for it.
    case pending
    /// Nothing more.
    case exhausted
  }

  /// The merge's next step.
  public enum Pick: Equatable, Sendable {
    case source(Int)
    /// A source's next record is not known yet.
    case pending
    case done
  }

  /// Per source, the time its records without a timestamp sort at.
  private var lastTime: [Int64]

  public init(sources: Int) {
    lastTime = Array(repeating: Int64.min, count: sources)
  }

  /// The source whose head record goes next, given each source's head.
  public func pick(_ head: (Int) -> Head) -> Pick {
    var best = -1
    var bestTime = Int64.max
    for source in lastTime.indices {
      switch head(source) {
      case .exhausted:
        continue
      case .pending:
        return .pending
      case .record(let time):
        let key = time ?? lastTime[source]
        if best < 0 || key < bestTime {
          best = source
          bestTime = key
        }
      }
    }
    return best < 0 ? .done : .source(best)
  }

  /// `source`'s head record went out.
  public mutating func took(_ source: Int, time: Int64?) {
    if let time { lastTime[source] = time }
  }
}
