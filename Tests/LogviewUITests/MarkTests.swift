import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// `m` marks, `u` / `U` go from mark to mark, marks are kept by record across filters.
@Suite struct MarkTests {
  static func run(_ keys: [Key], state: AppState = AppState(), data: ViewData) -> AppState {
    ReducerTests.run(keys, state: state, data: data)
  }

  @Test func mTogglesTheSelectedRecordsMark() throws {
    let data = try UITestData.data()
    var state = Self.run([.char("g"), .char("m")], data: data)
    #expect(state.marks.indices == [data.logIndex(row: 0)])
    #expect(state.notice == "marked (1 marked)")
    state = Self.run([.char("j"), .char("j"), .char("m")], state: state, data: data)
    #expect(state.marks.indices == [data.logIndex(row: 0), data.logIndex(row: 2)])
    state = Self.run([.char("m")], state: state, data: data)
    #expect(state.marks.indices == [data.logIndex(row: 0)])
    #expect(state.notice == "unmarked (1 marked)")
  }

  struct Jump: CustomTestStringConvertible, Sendable {
    var name: String
    var start: Int
    var keys: [Key]
    var row: Int
    var notice: String?
    var testDescription: String { name }
  }

  /// Marks on rows 3, 10 and 20.
  static let jumps: [Jump] = [
    Jump(name: "u from above", start: 0, keys: [.char("u")], row: 3),
    Jump(name: "u twice", start: 0, keys: [.char("u"), .char("u")], row: 10),
    Jump(name: "u from a mark", start: 10, keys: [.char("u")], row: 20),
    Jump(
      name: "u wraps", start: 25, keys: [.char("u")], row: 3, notice: "wrapped to the first mark"),
    Jump(name: "U from below", start: 25, keys: [.char("U")], row: 20),
    Jump(name: "U between", start: 15, keys: [.char("U")], row: 10),
    Jump(
      name: "U wraps", start: 1, keys: [.char("U")], row: 20, notice: "wrapped to the last mark"),
  ]

  @Test(arguments: jumps)
  func uAndUGoFromMarkToMark(_ jump: Jump) throws {
    let data = try UITestData.data()
    var state = AppState()
    for row in [3, 10, 20] {
      state = Self.run(
        [.char("g")] + Array(repeating: .char("j"), count: row), state: state, data: data)
      state = Self.run([.char("m")], state: state, data: data)
    }
    state = Self.run(
      [.char("g")] + Array(repeating: .char("j"), count: jump.start), state: state, data: data)
    state = Self.run(jump.keys, state: state, data: data)
    #expect(state.stream.selected == jump.row)
    #expect(state.notice == jump.notice)
  }

  @Test func withoutMarksUSaysSo() throws {
    let data = try UITestData.data()
    let state = Self.run([.char("g"), .char("u")], data: data)
    #expect(state.stream.selected == 0)
    #expect(state.notice == "no marks: m marks the selected record")
  }

  /// The mark is on the record: a filter that hides it and one that shows it again at
  /// another row leave it marked, and `u` finds it at its new row.
  @Test func marksSurviveAFilterChange() throws {
    let all = try UITestData.data()
    let errorRow = (0..<all.rowCount).first { all.level(row: $0) == .error }!
    var state = Self.run(
      [.char("g")] + Array(repeating: .char("j"), count: errorRow) + [.char("m")], data: all)
    let marked = all.logIndex(row: errorRow)
    let hiding = try UITestData.data(filter: "level<=info")
    state = Self.run([.char("g"), .char("u")], state: state, data: hiding)
    #expect(state.notice == "no marked record in this view")
    #expect(state.marks.indices == [marked])
    let errors = try UITestData.data(filter: "level>=error")
    state = Self.run([.char("G"), .char("u")], state: state, data: errors)
    #expect(errors.logIndex(row: state.stream.selected) == marked)
    #expect(state.stream.selected != errorRow)
  }

  /// In the errors pane and the correlation view, `u` moves that list's selection.
  @Test func uMovesTheFocusedList() throws {
    let data = try UITestData.data()
    var state = Self.run(
      [.char("t"), .tab, .char("g"), .char("j"), .char("j"), .char("m")], data: data)
    let marked = data.logIndex(row: data.errorRows[2])
    #expect(state.marks.indices == [marked])
    state = Self.run([.char("g"), .char("u")], state: state, data: data)
    #expect(state.errors.selected == 2)
    #expect(data.logIndex(row: state.stream.selected) == marked)
  }

  @Test func marksDroppedWithTheirRecordsAreForgotten() {
    var marks = Marks()
    for index in [9, 2, 5, 30] { marks.toggle(index) }
    #expect(marks.indices == [2, 5, 9, 30])
    marks.drop(below: 6)
    #expect(marks.indices == [9, 30])
    #expect(marks.contains(30) && !marks.contains(5))
  }
}

extension MarkTests {
  /// A mark off screen comes to the middle, with records after it in view, as the other
  /// jumps do (it came in on the last row).
  @Test func aMarkOffScreenIsCentered() throws {
    let data = try UITestData.data()
    var state = Self.run([.char("g"), .char("m"), .char("G")], data: data)
    state = Self.run([.char("u")], state: state, data: data)
    #expect(state.stream.selected == 0)
    let far = data.rowCount / 2
    state = Self.run(
      [.char("g")] + Array(repeating: .char("j"), count: far) + [.char("m"), .char("g")],
      state: state, data: data)
    state = Self.run([.char("u")], state: state, data: data)
    #expect(state.stream.selected == far)
    let height = Layout(width: 120, height: 30, state: state).listHeight(state)
    #expect(state.stream.top == far - height / 2)
  }
}
