import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// The histogram view (`i`): keys, the counts it follows, and how it looks.
@Suite struct HistogramTests {
  static func run(
    _ keys: [Key], state: AppState = AppState(), data: ViewData, width: Int = 120,
    height: Int = 30
  ) -> AppState {
    ReducerTests.run(keys, state: state, data: data, width: width, height: height)
  }

  static func shown(_ state: AppState, data: ViewData, height: Int = 30) -> TimeHistogram {
    let layout = Layout(width: 120, height: height, state: state)
    return HistogramPane.histogram(
      state.histogram, data: data, rows: HistogramPane.bucketRows(height: layout.main.height))
  }

  @Test func opensFittedAndZoomsAlongTheLadder() throws {
    // 200 records a second apart: 10 s buckets fit 25 rows.
    let data = try TimeTestData.data(TimeTestData.steady(200))
    var state = Self.run([.char("i")], data: data)
    #expect(state.main == .histogram && state.histogram.step == nil)
    #expect(Self.shown(state, data: data).width == 10_000_000_000)
    #expect(Self.shown(state, data: data).bucketCount == 20)
    state = Self.run([.char("+")], state: state, data: data)
    #expect(state.histogram.step == 1)
    state = Self.run([.char("+"), .char("+")], state: state, data: data)
    #expect(state.histogram.step == 0 && state.notice == "narrowest buckets here: 1 s")
    state = Self.run(Array(repeating: .char("-"), count: 13), state: state, data: data)
    #expect(state.histogram.step == 12 && state.notice == "widest buckets: 1 day")
    #expect(Self.shown(state, data: data).bucketCount == 1)
    state = Self.run([.escape], state: state, data: data)
    #expect(state.main == .stream)
  }

  @Test func cursorMovesOverBucketsAndEnterJumpsToTheFirstRecord() throws {
    let data = try TimeTestData.data(TimeTestData.steady(200))
    var state = Self.run([.char("i"), .char("k"), .char("k")], data: data)
    // The newest bucket is 10:03:10; two up is 10:02:50.
    let start: Int64 = 1_710_496_800_000_000_000
    #expect(state.histogram.cursor == .some(start + 170_000_000_000))
    state = Self.run([.enter], state: state, data: data)
    #expect(state.main == .stream && state.stream.selected == 170 && !state.follow)
    // From the stream, `i` opens on the selected record's bucket.
    state = Self.run([.char("i"), .char("g")], state: state, data: data)
    #expect(state.histogram.cursor == .some(start))
    state = Self.run([.char("G")], state: state, data: data)
    #expect(state.histogram.cursor == nil)
    state = Self.run([.char("i")], state: state, data: data)
    #expect(state.main == .stream)
  }

  /// A zoom keeps the cursor's time: zooming in lands on the first narrow bucket of it.
  @Test func zoomKeepsTheCursorsTime() throws {
    let data = try TimeTestData.data(TimeTestData.steady(200))
    var state = Self.run([.char("i"), .char("g"), .char("j")], data: data)
    let cursor = try #require(state.histogram.cursor)
    state = Self.run([.char("+")], state: state, data: data)
    let shown = Self.shown(state, data: data)
    let position = HistogramPane.position(state.histogram, in: shown, rows: 25)
    #expect(shown.start(at: position.selected) == cursor)
  }

  /// New records are counted as they arrive, without counting again; a new filter counts
  /// its rows from scratch.
  @Test func followsArrivalsIncrementallyAndTheFilter() throws {
    let log = TimeTestData.log(TimeTestData.steady(100))
    let data = ViewData(
      log: log, options: NormalizerOptions(), snapshot: try TimeTestData.snapshot(log))
    #expect(data.syncedRowTimes().histogram.timed == 100)
    TimeTestData.append(TimeTestData.steady(50, from: 100), to: log)
    data.update(try TimeTestData.snapshot(log))
    let times = data.syncedRowTimes()
    #expect(times.histogram.timed == 150 && times.rescans == 1 && times.counted == 150)
    #expect(times.histogram.count(level: .error) == 15)
    data.update(try TimeTestData.snapshot(log, filter: "level=error", generation: 2))
    #expect(data.syncedRowTimes().histogram.timed == 15)
    #expect(data.syncedRowTimes().rescans == 2)
  }

  /// A large view is counted over several calls (frames), each at most `limit` rows,
  /// giving the counts of one pass.
  @Test func countingSpreadsOverFrames() throws {
    let data = try TimeTestData.data(TimeTestData.steady(250))
    var times = data.syncedRowTimes(limit: 100)
    #expect(times.pending && times.counted == 100)
    times = data.syncedRowTimes(limit: 100)
    #expect(times.pending && times.counted == 200)
    times = data.syncedRowTimes(limit: 100)
    #expect(!times.pending && times.counted == 250 && times.rescans == 1)
    #expect(times.histogram.timed == 250 && times.histogram.count(level: .error) == 25)
    let title = HistogramPane.title(times.histogram, fitted: true)
    #expect(title == " histogram · 1 s buckets (fit) · 250 records ")
  }

  @Test func leftOutRecordsAreCounted() throws {
    let data = try TimeTestData.data()
    let histogram = data.syncedRowTimes().histogram
    #expect(histogram.untimed == 1 && histogram.timed == 6)
    #expect(HistogramPane.title(histogram, fitted: true).contains("1 without a time, left out"))
  }

  static let labels: [(Int, [String])] = [
    // Three days at 1 h: dates shown.
    (8, ["2024-03-14 23:00", "2024-03-15 00:00"]),
    (12, ["2024-03-14", "2024-03-15", "2024-03-16"]),
  ]

  @Test(arguments: labels)
  func bucketLabelsShowTheDateWhenTheDataSpansDays(_ step: Int, _ first: [String]) throws {
    let data = try TimeTestData.data()
    let histogram = data.syncedRowTimes().histogram(step: step)
    let labels = BucketLabels(histogram: histogram, zone: .utc)
    #expect((0..<first.count).map(labels.text(at:)) == first)
    let oneDay = try TimeTestData.data(TimeTestData.steady(100))
    let seconds = BucketLabels(histogram: oneDay.syncedRowTimes().histogram, zone: .utc)
    #expect(seconds.text(at: 1) == "10:00:01")
  }

  // MARK: rendering

  struct Scenario: CustomTestStringConvertible, Sendable {
    var name: String
    var keys: [Key]
    var colors = true
    var days = false
    var testDescription: String { name }
  }

  static let scenarios: [Scenario] = [
    Scenario(name: "histogram", keys: [.char("i"), .char("k"), .char("k")]),
    Scenario(name: "histogram-mono", keys: [.char("i")], colors: false),
    Scenario(name: "histogram-days", keys: [.char("i"), .char("-")], days: true),
    Scenario(name: "time-prompt", keys: [.char("T")] + "10:4".map { .char($0) }),
  ]

  @Test(arguments: scenarios)
  func matchesSnapshot(_ scenario: Scenario) throws {
    let data = scenario.days ? try TimeTestData.data() : try UITestData.data()
    for (width, height) in [(80, 24), (120, 30)] {
      var state = AppState()
      state.stream.selected = data.rowCount - 1
      ScreenSnapshot.press(scenario.keys, state: &state, data: data, width: width, height: height)
      ScreenSnapshot.expect(
        scenario.name, state: state, data: data, width: width, height: height,
        colors: scenario.colors)
    }
  }
}
