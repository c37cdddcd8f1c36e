import LogviewCore
import LogviewQuery
import LogviewTestSupport
import LogviewTriage
import Testing

@testable import LogviewUI

/// The latency pane (`L`): its table over the filtered rows, counted a slice at a time and
/// kept up to date; its keys; Enter's filter; how it looks.
@Suite struct LatencyPaneTests {
  /// api: GET /v1/orders/N taking N ms (1…100) and POST /v1/orders taking 10·N ms; db: 5 ms
  /// without a route; one record without a duration.
  static func lines() -> [String] {
    var lines: [String] = []
    for i in 1...100 {
      lines.append(
        #"{"service":"api","durationMs":\#(i),"http":{"method":"GET","path":"/v1/orders/\#(i)?v=2"}}"#
      )
      lines.append(
        #"{"service":"api","durationMs":\#(i * 10),"method":"POST","path":"/v1/orders"}"#)
      lines.append(#"{"service":"db","durationMs":5}"#)
    }
    lines.append(#"{"service":"db","msg":"no duration"}"#)
    return lines
  }

  static func run(_ keys: [Key], state: AppState = AppState(), data: ViewData) -> AppState {
    var state = state
    for key in keys {
      _ = data.syncedLatency()
      Reducer.handle(
        key, state: &state, data: data, layout: Layout(width: 120, height: 30, state: state))
    }
    return state
  }

  @Test func tableOfTheFilteredRows() throws {
    let data = try TimeTestData.data(Self.lines())
    let table = data.syncedLatency().table
    #expect(table.count == 300 && table.missing == 1)
    #expect(table.services.map(\.name) == ["api", "db"])
    #expect(
      table.services[0].routes.map(\.route.name) == ["POST /v1/orders", "GET /v1/orders/<num>"])
    #expect(table.services[1].routes.isEmpty)
    let filtered = try TimeTestData.data(Self.lines(), filter: "method=POST")
    let routes = filtered.syncedLatency().table.services.flatMap(\.routes)
    #expect(routes.map(\.route.name) == ["POST /v1/orders"] && routes[0].quantiles.count == 100)
  }

  /// A large view is counted over several calls, giving what one pass gives; arrivals are
  /// counted without counting again, a new filter from scratch.
  @Test func countsInSlicesAndFollowsArrivals() throws {
    let data = try TimeTestData.data(Self.lines())
    var latency = data.syncedLatency(limit: 120)
    #expect(latency.pending && latency.counted == 120)
    latency = data.syncedLatency(limit: 120)
    latency = data.syncedLatency(limit: 120)
    #expect(!latency.pending && latency.counted == 301 && latency.rescans == 1)
    let whole = try TimeTestData.data(Self.lines()).syncedLatency().table
    #expect(latency.table == whole)
    TimeTestData.append([#"{"service":"db","durationMs":7000}"#], to: data.log)
    data.update(try TimeTestData.snapshot(data.log))
    latency = data.syncedLatency()
    #expect(latency.counted == 302 && latency.rescans == 1)
    #expect(latency.table.services[1].quantiles.max == 7_000_000_000)
    data.update(try TimeTestData.snapshot(data.log, filter: "service=api", generation: 2))
    latency = data.syncedLatency()
    #expect(latency.rescans == 2 && latency.table.services.map(\.name) == ["api"])
  }

  @Test func keysMoveCloseAndFilter() throws {
    let data = try TimeTestData.data(Self.lines())
    var state = Self.run([.char("L")], data: data)
    #expect(state.main == .latency && state.latency.selected == 0)
    // Rows: api, POST /v1/orders, GET /v1/orders/<num>, db, all services.
    state = Self.run([.char("j"), .char("j"), .char("G"), .char("k")], state: state, data: data)
    #expect(state.latency.selected == 3)
    state = Self.run([.char("g")], state: state, data: data)
    #expect(state.latency.selected == 0)
    #expect(Self.run([.escape], state: state, data: data).main == .stream)
    #expect(Self.run([.char("L")], state: state, data: data).main == .stream)
    state.appliedFilter = "level!=debug"
    state = Self.run([.char("j"), .char("j"), .enter], state: state, data: data)
    #expect(state.main == .stream)
    #expect(
      state.filterEditor.text
        == #"level!=debug service=api http.method=GET http.path=~"^/v1/orders/[^/?#]+(?:[?#].*)?$" duration>=99ms"#
    )
    // The same row again: the filter stays as it is.
    state.appliedFilter = state.filterEditor.text
    state = Self.run([.char("L"), .char("j"), .char("j"), .enter], state: state, data: data)
    #expect(state.filterEditor.text == state.appliedFilter)
  }

  /// Each row's filter keeps exactly its records at or above its p99.
  @Test func enterFiltersToTheRowsSlowestRecords() throws {
    let lines = Self.lines()
    let data = try TimeTestData.data(lines)
    let table = data.syncedLatency().table
    let expected: [(LatencyPane.Line, Int)] = [
      // api's p99 is the third slowest of its 200; all's the fourth of 300.
      (.service(0), 3), (.route(0, 0), 2), (.route(0, 1), 2), (.service(1), 100), (.all, 4),
    ]
    for (line, count) in expected {
      let terms = try #require(LatencyFilter.terms(line, in: table))
      let snapshot = try TimeTestData.snapshot(data.log, filter: terms)
      #expect(snapshot.count == count, "\(terms)")
    }
  }

  /// The regular expression of a folded route over each kind of field.
  static let regexes: [(LatencyRoute, String)] = [
    (
      LatencyRoute(method: "GET", path: Array("/a/<num>/b.c".utf8), field: 3),
      #"^/a/[^/?#]+/b\.c(?:[?#].*)?$"#
    ),
    (
      LatencyRoute(path: Array("/x/<uuid>".utf8), field: 14),
      "^\(LatencyFilter.anyScheme)/x/[^/?#]+(?:[?#].*)?$"
    ),
    (
      LatencyRoute(method: "GET", path: Array("/o/<id>".utf8), field: 22),
      "^GET \(LatencyFilter.anyScheme)/o/[^/?#]+(?:[?#][^ ]*)?(?: |$)"
    ),
  ]

  @Test(arguments: regexes)
  func routeRegex(_ route: LatencyRoute, _ regex: String) {
    #expect(LatencyFilter.regex(route) == regex)
  }

  @Test(arguments: [(Int64(99_000_000), "99ms"), (1_500_000, "1500us"), (812, "812ns")])
  func durationLiteral(_ nanos: Int64, _ text: String) {
    #expect(LatencyFilter.literal(nanos) == text)
    #expect(DurationReader.parse(text) == nanos)
  }

  // MARK: rendering

  @Test(arguments: [("latency", true), ("latency-mono", false)])
  func matchesSnapshot(_ name: String, _ colors: Bool) throws {
    let data = try UITestData.data()
    for (width, height) in [(80, 24), (120, 30)] {
      var state = AppState()
      state.stream.selected = data.rowCount - 1
      ScreenSnapshot.press([.char("L")], state: &state, data: data, width: width, height: height)
      _ = data.syncedLatency()
      ScreenSnapshot.press(
        [.char("j"), .char("j")], state: &state, data: data, width: width, height: height)
      ScreenSnapshot.expect(
        name, state: state, data: data, width: width, height: height, colors: colors)
    }
  }

  @Test func emptyAndCounting() throws {
    let data = try TimeTestData.data()
    var state = AppState()
    state.main = .latency
    let screen = InMemoryScreen(width: 80, height: 10)
    let view = AppView(palette: Palette(colors: false), zone: .utc)
    screen.present(view.render(state: state, data: data, rate: RateMeter(), width: 80, height: 10))
    #expect(screen.text.contains("latency · 0 records with a duration · 7 without"))
    #expect(screen.text.contains("no record here has a duration"))
  }
}
