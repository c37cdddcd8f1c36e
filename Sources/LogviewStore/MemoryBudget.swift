import Glibc
import LogviewSystem

/// The explorer's one memory budget (--max-memory): the record index, the filters' match
/// lists and copied input kept in memory all count against it, beside a fixed reserve for
/// the rest of the process (code, terminal, threads, screen). Copied input beyond half of it
/// spills to a private temporary file; past the whole of it the oldest records go, a page
/// (65,536 records) at a time, until usage is back under the low water mark.
///
/// Pages of mapped input files are not counted: they are the kernel's cache of the user's
/// files, dropped under memory pressure and read again when needed.
public struct MemoryBudget: Sendable, Equatable {
  /// The process besides the index and copied input: its code (about 16 MB resident) and
  /// heap (about 4 MB), measured with the explorer on a small file, with room for the
  /// buffers of appends under way.
  static let reserve = 26 << 20
  /// The explorer keeps up to two match lists (the stream's filter and the errors pane),
  /// 4 bytes a match.
  static let matchBytesPerRecord = 8
  /// What a page of the index costs, its share of match lists included.
  static let pageCost = RecordPage.allocationSize + RecordPage.size * matchBytesPerRecord

  /// The whole budget in bytes.
  public let bytes: Int

  /// Copied input kept in memory before it spills, when not half the limit (tests).
  let arenaOverride: Int?

  public init(bytes: Int) { self.init(bytes: bytes, arenaCap: nil) }

  init(bytes: Int, arenaCap: Int?) {
    self.bytes = bytes
    arenaOverride = arenaCap
  }

  /// No limit (tests, and callers that bound the log otherwise).
  public static let unlimited = MemoryBudget(bytes: Int.max)

  /// The default: a quarter of the memory this process may use (the machine's, or its
  /// cgroup's limit when lower), at least 1 GiB.
  public static var systemDefault: MemoryBudget {
    let page = sysconf(Int32(_SC_PAGESIZE))
    var physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * page
    if let limit = cgroupLimit(), limit > 0 { physical = min(physical, limit) }
    return MemoryBudget(bytes: max(1 << 30, physical / 4))
  }

  /// The least the index and copied input need: the page being written, the arena chunk
  /// being filled, and the spill file's chunks in flight.
  static let floor = pageCost + 3 * LogWriter.arenaChunk
  /// The smallest budget that leaves `floor` beside the reserve (--max-memory's minimum).
  public static let minimum = 48 << 20

  /// Bytes the index and copied input may hold.
  var limit: Int { bytes == Int.max ? Int.max : max(bytes - Self.reserve, Self.floor) }
  /// Where dropping stops once the limit was passed: a sixteenth below it, so drops come in
  /// batches rather than a page per append.
  var lowWater: Int { limit == Int.max ? Int.max : limit - limit / 16 }
  /// Copied input kept in memory before it spills.
  var arenaCap: Int { arenaOverride ?? (limit == Int.max ? Int.max : limit / 2) }

  /// Bytes the log's index and copied input hold now (what `limit` bounds).
  static func usage(of w: LogWriter) -> Int {
    (w.pages.allocated - w.pagesReleased) * pageCost + w.segments.inMemory
      + w.segments.spillResident
  }

  /// The first record to keep: at least `minimum` (--keep-last), and once usage passes the
  /// limit, the start of as many more whole pages as it takes to fall under the low water
  /// mark (never the page being written). `forMemory` says the budget moved it.
  func firstToKeep(in w: LogWriter, atLeast minimum: Int) -> (first: Int, forMemory: Bool) {
    var usage = Self.usage(of: w)
    guard limit != Int.max || minimum > 0 else { return (minimum, false) }
    var boundary = w.pagesReleased << RecordPage.shift
    var chunk = w.chunksReleased
    func dropPage() {
      boundary += RecordPage.size
      usage -= Self.pageCost
      while chunk < w.chunks.count - 1, w.chunks[chunk].lastRecord < boundary {
        usage -= w.segments.memoryCost(of: w.chunks[chunk].segment)
        chunk += 1
      }
    }
    while boundary + RecordPage.size <= minimum { dropPage() }
    guard usage > limit else { return (minimum, false) }
    let writing = (w.published >> RecordPage.shift) << RecordPage.shift
    while usage > lowWater, boundary + RecordPage.size <= writing { dropPage() }
    return boundary > minimum ? (boundary, true) : (minimum, false)
  }

  /// cgroup v2's memory.max for this process, when it is a number ("max" means none).
  private static func cgroupLimit() -> Int? {
    guard let bytes = FileContents.read("/sys/fs/cgroup/memory.max", limit: 64) else { return nil }
    return Int(String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self))
  }
}
