import LogviewCore
import LogviewQuery

/// One filter prepared for evaluation over a LiveLog's records, with shortcuts that avoid
/// normalizing: level-only filters read the stored level, `rid=X` reads the stored hashes
/// first. Immutable; shared by the scanning threads.
struct RecordPredicate: @unchecked Sendable {
  let filter: Filter
  let needs: RecordNeeds
  /// True when every record passes.
  let isAll: Bool
  /// Bare words and regexes only: decided on the bytes, without scanning the JSON.
  let rawTextOnly: Bool
  /// For level-only filters: whether each level code (0: none, then Level.rawValue) passes.
  let levelPasses: [Bool]?
  /// For `rid=X` with a textual X: only records with this hash can match.
  let requestHash: UInt32?

  init(filter: Filter?) {
    let filter = filter ?? .all
    self.filter = filter
    isAll = filter.matchesEverything
    // Message, request ID and service are resolved on first use, so only the eager fields
    // are asked for (a third cheaper than `.all` on a text filter).
    let reads = filter.reads
    var needs: RecordNeeds = []
    if reads.contains(.level) { needs.insert(.level) }
    if reads.contains(.timestamp) { needs.insert(.timestamp) }
    // Normalized text fields are collected in the same pass as the others.
    if reads.contains(.fields) { needs.insert(.text) }
    self.needs = needs
    rawTextOnly = reads.onlyRawText
    levelPasses = filter.usesOnlyLevel ? Self.levelTable(filter) : nil
    if let id = filter.requestIdEquals, !Self.mayBeNumeric(Array(id.utf8)) {
      requestHash = Array(id.utf8).withUnsafeBytes { RecordStore.hash($0) }
    } else {
      requestHash = nil
    }
  }

  /// Decides the filter for each level by evaluating it on a record of that level (exact,
  /// since the filter reads nothing else). Default keys always include "level".
  static func levelTable(_ filter: Filter) -> [Bool] {
    let normalizer = Normalizer()
    var table = [Bool]()
    for code in 0...6 {
      let name = Level(rawValue: UInt8(code))?.name
      let json = name.map { "{\"level\":\"\($0)\"}" } ?? "{}"
      let passes = Array(json.utf8).withUnsafeBytes { bytes in
        normalizer.withRecord(bytes, needs: .level) { filter.matches($0) }
      }
      table.append(passes)
    }
    return table
  }

  /// A literal the filter might compare numerically ("rid=0123" equals "123"): only
  /// number-like characters. Such IDs skip the hash shortcut.
  static func mayBeNumeric(_ id: [UInt8]) -> Bool {
    id.allSatisfy {
      ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 | 0x20 == 0x65
    }
  }

  /// Appends the indices in `range` that pass to `out`, in ascending order. Returns false
  /// (leaving `out` partial) as soon as `cancelled` says so; it is asked every 1,024 records.
  func scan(
    _ range: Range<Int>, in log: LiveLog, normalizer: Normalizer, into out: inout [Int32],
    cancelled: () -> Bool
  ) -> Bool {
    var start = range.lowerBound
    while start < range.upperBound {
      if cancelled() { return false }
      let end = min(range.upperBound, start + 1024)
      let page = log.pages.page(of: start)
      // 1,024 divides the page size, so a block never crosses pages when aligned; an
      // unaligned start is clipped to its page's end.
      let blockEnd = min(end, (start | RecordPage.mask) + 1)
      // (Keep-everything filters never get here: the worker publishes them without a scan.)
      if let levelPasses {
        let levels = page.levels
        for i in start..<blockEnd
        where levelPasses[Int(levels[i & RecordPage.mask] & RecordPage.levelMask)] {
          out.append(Int32(truncatingIfNeeded: i))
        }
      } else if let requestHash {
        let hashes = page.hashes
        for i in start..<blockEnd where hashes[i & RecordPage.mask] == requestHash {
          if evaluate(i, in: log, normalizer: normalizer) {
            out.append(Int32(truncatingIfNeeded: i))
          }
        }
      } else {
        for i in start..<blockEnd where evaluate(i, in: log, normalizer: normalizer) {
          out.append(Int32(truncatingIfNeeded: i))
        }
      }
      start = blockEnd
    }
    return true
  }

  @inline(__always)
  private func evaluate(_ index: Int, in log: LiveLog, normalizer: Normalizer) -> Bool {
    let text = log.text(at: index)
    if filter.rejectsByBytes(text.bytes) { return false }
    if rawTextOnly { return normalizer.withUnparsedRecord(text.bytes) { filter.matches($0) } }
    return normalizer.withRecord(text.bytes, firstLineLength: text.firstLineLength, needs: needs) {
      filter.matches($0)
    }
  }
}
