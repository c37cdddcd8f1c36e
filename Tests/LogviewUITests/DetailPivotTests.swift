import LogviewCore
import LogviewQuery
import Testing

@testable import LogviewUI

/// Issue 12 tool 12: the detail pane's cursor over fields (Tab, j/k, Esc) and the pivots
/// from a field: `=`, `!`, `c`, and `x` (tool 14) hiding its column.
@Suite struct DetailPivotTests {
  static let payments = ["incident/payment-service.log"]

  static func run(_ keys: [Key], state: AppState, data: ViewData) -> AppState {
    var state = state
    for key in keys {
      Reducer.handle(
        key, state: &state, data: data, layout: Layout(width: 120, height: 40, state: state))
    }
    return state
  }

  /// The last record's detail pane open and focused, the cursor moved to `field`.
  static func focused(on field: String, data: ViewData, filter: String = "") throws -> AppState {
    var state = AppState()
    state.stream.selected = data.rowCount - 1
    state.appliedFilter = filter
    state = run([.enter, .tab], state: state, data: data)
    let text = data.detailText(
      logIndex: data.logIndex(row: state.stream.selected),
      width: try #require(Layout(width: 120, height: 40, state: state).detail).width - 2)
    let stop = try #require(text.stops.firstIndex { text.path(of: $0) == field })
    return run(Array(repeating: .char("j"), count: stop), state: state, data: data)
  }

  @Test func tabCyclesStreamDetailsErrorsPane() throws {
    let data = try UITestData.data(Self.payments)
    var state = AppState()
    state.stream.selected = data.rowCount - 1
    state = Self.run([.enter, .tab], state: state, data: data)
    #expect(state.detailCursor == DetailCursor(focused: true, field: 0))
    #expect(!state.follow, "the record looked at stays while others arrive")
    state = Self.run([.char("j"), .char("j"), .char("k")], state: state, data: data)
    #expect(state.detailCursor.field == 1)
    #expect(state.stream.selected == data.rowCount - 1, "j moved the cursor, not the stream")
    state = Self.run([.escape], state: state, data: data)
    #expect(!state.detailCursor.focused && state.showDetail)
    state = Self.run([.char("t"), .tab, .tab], state: state, data: data)
    #expect(!state.detailCursor.focused && state.errorsFocused)
    state = Self.run([.tab], state: state, data: data)
    #expect(!state.errorsFocused && !state.detailCursor.focused)
    // Enter closes the pane and gives the keyboard back.
    state = Self.run([.tab, .enter], state: state, data: data)
    #expect(!state.showDetail && !state.detailCursor.focused)
  }

  @Test func equalsAndBangAddToTheFilter() throws {
    let data = try UITestData.data(Self.payments)
    var state = try Self.focused(on: "event", data: data)
    state = Self.run([.char("=")], state: state, data: data)
    #expect(state.filterEditor.text == "event=payment.authorize")
    #expect(state.filterEditor.history.last == "event=payment.authorize")
    state = try Self.focused(on: "msg", data: data, filter: "level>=warn")
    state = Self.run([.char("!")], state: state, data: data)
    #expect(state.filterEditor.text == #"level>=warn not msg="payment authorized""#)
    state = try Self.focused(on: "amount.currency", data: data, filter: "a or b")
    state = Self.run([.char("=")], state: state, data: data)
    #expect(state.filterEditor.text == "(a or b) amount.currency=EUR")
    // `level` in a filter is the normalized level: its name, not pino's 30.
    state = try Self.focused(on: "level", data: data)
    state = Self.run([.char("=")], state: state, data: data)
    #expect(state.filterEditor.text == "level=info")
    state = try Self.focused(on: "amount", data: data)
    state = Self.run([.char("=")], state: state, data: data)
    #expect(state.filterEditor.text == "")
    #expect(state.notice == "amount holds fields: move to one of them")
  }

  @Test func correlatesOnTheRequestIdAndOtherIdFields() throws {
    let data = try UITestData.data(Self.payments)
    var state = try Self.focused(on: "reqId", data: data)
    state = Self.run([.char("c")], state: state, data: data)
    #expect(state.main == .correlation && state.correlation?.requestId == "req_9d4c678a")
    #expect(state.correlation?.field == nil)
    #expect(state.correlation?.records == data.log.indices(requestId: "req_9d4c678a"))
    #expect(!state.detailCursor.focused)

    state = try Self.focused(on: "userId", data: data)
    state = Self.run([.char("c")], state: state, data: data)
    let correlation = try #require(state.correlation)
    #expect(correlation.field?.path == "userId" && correlation.requestId == "usr_6572")
    let expected = (0..<data.log.count).filter { index in
      data.withRecord(logIndex: index) { $0.field(FieldPath("userId"))?.decodedString() }
        == "usr_6572"
    }
    #expect(correlation.records.count == expected.count && expected.count > 1)
    #expect(Set(correlation.records) == Set(expected))
    #expect(correlation.records[correlation.position.selected] == data.log.count - 1)

    state = try Self.focused(on: "event", data: data)
    state = Self.run([.char("c")], state: state, data: data)
    #expect(state.main == .stream)
    #expect(state.notice == "event is not an ID field: = filters on its value")
  }

  /// A field's scan goes on a slice per wake-up until the log is covered, the view filling in.
  @Test func fieldCorrelationScansInSlices() throws {
    let data = try UITestData.data(Self.payments)
    var field = FieldCorrelation(path: "userId", value: "usr_6572", slice: 100)
    field.advance(data)
    var correlation = CorrelationState(requestId: "usr_6572", records: field.found, data: data)
    correlation.field = field
    var state = AppState()
    state.main = .correlation
    state.correlation = correlation
    var wakeUps = 0
    while state.correlation?.field?.scanning(data) == true, wakeUps < 100 {
      Reducer.refreshCorrelation(&state, data: data)
      wakeUps += 1
    }
    #expect(wakeUps == 6, "623 records, 100 a slice")
    #expect(state.correlation?.records.count == 5)
    #expect(
      state.correlation?.records.allSatisfy { index in
        data.withRecord(logIndex: index) { $0.field(FieldPath("userId"))?.decodedString() }
          == "usr_6572"
      } == true)
  }

  @Test func xHidesAndShowsTheFieldsColumn() throws {
    let data = try UITestData.data(Self.payments)
    var state = try Self.focused(on: "hostname", data: data)
    state = Self.run([.char("x")], state: state, data: data)
    #expect(state.columns.hidden == ["hostname"])
    #expect(state.notice == "hostname hidden from the rows")
    state = Self.run([.char("x")], state: state, data: data)
    #expect(state.columns.hidden.isEmpty)
  }

  /// The cursor's field stays in view: moving down past the pane scrolls it.
  @Test func cursorScrollsThePane() throws {
    let data = try UITestData.data(Self.payments)
    var state = AppState()
    state.stream.selected = data.rowCount - 1
    state = Self.run([.enter, .tab], state: state, data: data)
    let pane = try #require(Layout(width: 120, height: 40, state: state).detail)
    state = Self.run(Array(repeating: .char("j"), count: 14), state: state, data: data)
    // msg, the last field, on the pane's last text row; raw text below it.
    #expect(state.detailCursor.field == 14)
    #expect(state.detailScroll == 15 - (pane.height - 1))
    state = Self.run([.char("g")], state: state, data: data)
    #expect(state.detailCursor.field == 0 && state.detailScroll == 0)
  }

  /// A raw-text record has no fields: the keys say so and change nothing.
  @Test func rawTextHasNoFields() throws {
    let data = try UITestData.data(["mixed/mixed.log"])
    let row = try #require(
      (0..<data.rowCount).first { row in
        data.withRecord(logIndex: data.logIndex(row: row)) { !$0.isJSON }
      })
    var state = AppState()
    state.stream.selected = row
    state = Self.run([.enter, .tab, .char("j")], state: state, data: data)
    #expect(state.detailCursor.focused)
    for key in [Key.char("="), .char("!"), .char("x")] {
      let after = Self.run([key], state: state, data: data)
      #expect(after.notice == "this record has no fields")
      #expect(after.filterEditor.text == "" && after.columns.hidden.isEmpty)
    }
    #expect(Self.run([.char("c")], state: state, data: data).main == .stream)
  }

  @Test(arguments: [
    ("service", "payment", "service=payment"),
    ("msg", "payment authorized", #"msg="payment authorized""#),
    ("path", "/v1/orders", #"path="/v1/orders""#),
    ("x", #"a"b\c"#, #"x="a\"b\\c""#),
    ("x", "", #"x="""#),
    ("x", "or", #"x="or""#),
    ("x", "(y)", #"x="(y)""#),
    ("http.status", "500", "http.status=500"),
    ("reqId", "req_7f42", "reqId=req_7f42"),
    ("at", "user@example.com", "at=user@example.com"),
  ])
  func termsReadBackAsWritten(_ path: String, _ value: String, _ term: String) throws {
    #expect(FilterPivot.term(path: path, value: value) == term)
    // The filter matches a record holding the value.
    let filter = try Query.parse(term).compile(now: 0, zone: .utc)
    let record = #"{"\#(path)":\#(String(decoding: JSONText.quoted(value), as: UTF8.self))}"#
    let matches = Array(record.utf8).withUnsafeBytes { bytes in
      Normalizer().withRecord(bytes) { filter.matches($0) }
    }
    #expect(matches, "\(term) against \(record)")
  }

  @Test func namesAFilterCannotWrite() {
    for path in ["a b", "a=b", "(x)", "not", "/x"] {
      #expect(FilterPivot.term(path: path, value: "1") == nil, "\(path)")
    }
  }

  @Test(arguments: [
    ("userId", "usr_2160", true), ("reqId", "req_f57ebc3a", true), ("trace.id", "abc", true),
    ("span_id", "0af7651916cd43dd", true), ("order_id", "42", true), ("id", "7", true),
    ("x", "3f2a9c0e7b1d4a5f", true), ("x", "123e4567-e89b-12d3-a456-426614174000", true),
    ("event", "payment.authorize", false), ("paid", "yes", false), ("valid", "true", false),
    ("userId", "two words", false), ("msg", "deadbeef", false),
  ])
  func idLikeFields(_ path: String, _ value: String, _ expected: Bool) {
    #expect(FieldCorrelation.isIDLike(path: path, value: value) == expected)
  }
}

/// JSON string literals for test records.
enum JSONText {
  static func quoted(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    JSONStringCodec.appendQuoted(text, to: &out)
    return out
  }
}
