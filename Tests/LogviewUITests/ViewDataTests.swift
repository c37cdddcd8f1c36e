import LogviewCore
import LogviewStore
import Testing

@testable import LogviewUI

/// How a view's rows move between snapshots: appended rows, rows dropped from the top
/// (--keep-last), replaced rows.
struct ViewDataTests {
  static func snapshot(
    _ matches: [Int], generation: Int = 1, skip: Int = 0, droppedRows: Int = 0,
    complete: Bool = true
  ) -> FilteredSnapshot {
    var s = FilteredSnapshot(
      matches: matches, scanned: 0, total: 0, complete: complete, generation: generation)
    s.skip = skip
    s.droppedRows = droppedRows
    return s
  }

  /// (old, new, expected change)
  static let cases: [(FilteredSnapshot, FilteredSnapshot, ViewData.Change)] = [
    (snapshot([1, 2, 3]), snapshot([1, 2, 3, 4, 5]), .init(added: 2)),
    (
      snapshot([1, 2, 3]), snapshot([1, 2, 3, 4], skip: 2, droppedRows: 2),
      .init(added: 1, droppedFromTop: 2)
    ),
    (snapshot([1, 2, 3]), snapshot([5, 6], droppedRows: 3), .init(added: 2, droppedFromTop: 3)),
    (snapshot([1, 2, 3]), snapshot([1, 2, 4]), .init(added: nil)),
    (snapshot([1, 2, 3]), snapshot([1, 2, 3, 4], generation: 2), .init(added: nil)),
    // A new filter that has scanned nothing yet: the old rows stay on screen.
    (snapshot([1, 2, 3]), snapshot([], generation: 2, complete: false), .init(added: 0)),
  ]

  @Test(arguments: cases)
  func updateSaysHowRowsMoved(
    _ old: FilteredSnapshot, _ new: FilteredSnapshot, _ expected: ViewData.Change
  ) throws {
    let log = try UITestData.log(["incident/checkout-api.log"])
    let data = ViewData(log: log, options: NormalizerOptions(), snapshot: old)
    #expect(data.update(new) == expected)
    #expect(data.rowCount == (new.complete ? new.count : old.count))
  }

  /// The errors pane's rows, found lazily and kept up incrementally, are always the rows
  /// whose record is a warning or worse, through appends, drops and replacements.
  @Test func errorRowsFollowEveryKindOfUpdate() throws {
    let log = try UITestData.log(["incident/payment-service.log"])
    let all = (0..<log.count).map { $0 }
    try #require(all.count >= 600)
    func expected(_ data: ViewData) -> [Int] {
      (0..<data.rowCount).filter { (data.level(row: $0) ?? .trace) >= .warn }
    }
    let data = ViewData(
      log: log, options: NormalizerOptions(), snapshot: Self.snapshot(Array(all.prefix(150))))
    #expect(data.errorRows == expected(data))
    data.update(Self.snapshot(Array(all.prefix(400))))
    #expect(data.errorRows == expected(data))
    // Untouched while hidden, then right when asked.
    data.update(Self.snapshot(Array(all[120..<500]), skip: 0, droppedRows: 120))
    data.update(Self.snapshot(Array(all[200..<600]), skip: 0, droppedRows: 200))
    #expect(data.errorRows == expected(data))
    data.update(Self.snapshot(Array(all.filter { $0 % 3 == 0 }), generation: 2))
    #expect(data.errorRows == expected(data))
    #expect(!data.errorRows.isEmpty)
  }

  @Test func listKeepsItsRecordWhenRowsLeaveTheTop() {
    var position = ListPosition(selected: 10, top: 5)
    position.shiftUp(by: 3)
    #expect(position == ListPosition(selected: 7, top: 2))
    position.shiftUp(by: 30)
    #expect(position == ListPosition(selected: 0, top: 0))
  }
}
