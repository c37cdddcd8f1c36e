import LogviewCore
import Testing

@testable import LogviewStore

@Suite struct RecordStoreTests {
  static func store(_ source: UInt16, _ times: [Int64?], ids: [String?] = []) -> RecordStore {
    var store = RecordStore(source: source)
    for (i, t) in times.enumerated() {
      let id = i < ids.count ? ids[i] : nil
      if let id {
        Array(id.utf8).withUnsafeBytes {
          store.append(
            offset: i * 10, length: 9, line: i + 1, timestamp: t, level: .info, requestId: $0)
        }
      } else {
        store.append(
          offset: i * 10, length: 9, line: i + 1, timestamp: t, level: nil, requestId: nil)
      }
    }
    return store
  }

  @Test func recordsWithoutTimestampInheritThePreviousOne() {
    let s = Self.store(0, [nil, 5, nil, 3, nil])
    #expect(s.timestamps == [Int64.min, 5, 5, 3, 3])
    #expect(s.level(at: 0) == nil && s.level(at: 1) == nil)
  }

  @Test func appendingAChunkCarriesTheLastTimestamp() {
    var a = Self.store(0, [1, 2])
    a.append(contentsOf: Self.store(0, [nil, 4, nil]))
    #expect(a.timestamps == [1, 2, 2, 4, 4])
    #expect(a.count == 5)
  }

  /// (times of source A, times of source B) -> merged order as "A0 B0 ..."
  static let mergeCases: [([Int64?], [Int64?], String)] = [
    ([1, 3, 5], [2, 4, 6], "A0 B0 A1 B1 A2 B2"),
    ([1, 1], [1], "A0 A1 B0"),
    ([5, nil, 6], [5], "A0 A1 B0 A2"),
    ([], [1, 2], "B0 B1"),
    // A source that is out of order stays in its own order.
    ([3, 1], [2], "B0 A0 A1"),
  ]

  @Test(arguments: mergeCases)
  func mergesByTimeKeepingEachSourceInOrder(_ a: [Int64?], _ b: [Int64?], _ expected: String) {
    let order = MergedOrder.byTime([Self.store(0, a), Self.store(1, b)])
    let text = order.map { "\($0.store == 0 ? "A" : "B")\($0.index)" }.joined(separator: " ")
    #expect(text == expected)
  }

  @Test func sortedByTimeIsStable() {
    let order = MergedOrder.sortedByTime([Self.store(0, [3, 1]), Self.store(1, [1, 2])])
    #expect(
      order == [
        .init(store: 0, index: 1), .init(store: 1, index: 0), .init(store: 1, index: 1),
        .init(store: 0, index: 0),
      ])
  }

  @Test func requestIdCandidatesByHash() {
    let s = Self.store(0, [1, 2, 3, 4], ids: ["req_a", nil, "req_b", "req_a"])
    let found = Array("req_a".utf8).withUnsafeBytes { s.candidates(forRequestId: $0) }
    #expect(found == [0, 3])
    #expect(s.requestIdHashes[1] == 0)
    // Levels are stored per record: .info where the fixture gave one, none elsewhere.
    #expect((0..<4).map { s.level(at: $0) } == [.info, nil, .info, .info])
  }
}
