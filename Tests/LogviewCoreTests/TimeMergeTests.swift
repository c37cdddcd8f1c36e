import Testing

@testable import LogviewCore

/// The one merge by time, on plain lists of timestamps.
@Suite struct TimeMergeTests {
  /// Merges `sources` (each a list of times, nil for a record without one) to completion.
  static func merge(_ sources: [[Int64?]]) -> String {
    var merge = TimeMerge(sources: sources.count)
    var heads = Array(repeating: 0, count: sources.count)
    var out: [String] = []
    while case .source(let s) = merge.pick({ s in
      heads[s] < sources[s].count ? .record(sources[s][heads[s]]) : .exhausted
    }) {
      out.append("\(Character(UnicodeScalar(UInt8(65 + s))))\(heads[s])")
      merge.took(s, time: sources[s][heads[s]])
      heads[s] += 1
    }
    return out.joined(separator: " ")
  }

  /// (times of source A, times of source B) -> merged order as "A0 B0 ..."
  static let cases: [([Int64?], [Int64?], String)] = [
    ([1, 3, 5], [2, 4, 6], "A0 B0 A1 B1 A2 B2"),
    // Ties go to the source named first.
    ([1, 1], [1], "A0 A1 B0"),
    // A record without a timestamp stays right after its predecessor.
    ([5, nil, 6], [5], "A0 A1 B0 A2"),
    ([nil, 5], [1], "A0 B0 A1"),
    ([], [1, 2], "B0 B1"),
    // A source that is out of order stays in its own order.
    ([3, 1], [2], "B0 A0 A1"),
  ]

  @Test(arguments: cases)
  func mergesByTimeKeepingEachSourceInOrder(_ a: [Int64?], _ b: [Int64?], _ expected: String) {
    #expect(Self.merge([a, b]) == expected)
  }

  /// A source whose next record is not known yet holds the merge back.
  @Test func waitsForAPendingSource() {
    let merge = TimeMerge(sources: 2)
    #expect(merge.pick { $0 == 0 ? .record(1) : .pending } == .pending)
    #expect(merge.pick { $0 == 0 ? .record(1) : .exhausted } == .source(0))
    #expect(merge.pick { _ in .exhausted } == .done)
  }
}
