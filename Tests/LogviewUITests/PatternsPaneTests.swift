import LogviewCore
import LogviewStore
import LogviewTestSupport
import LogviewTriage
import Testing

@testable import LogviewUI

/// The patterns pane (`p`): its keys, the runner mining off the UI thread (following
/// arrivals, starting over for a new filter), and how it looks.
@Suite struct PatternsPaneTests {
  /// The rows of `data` mined at once, as the runner would publish them when done.
  static func mined(_ data: ViewData) -> ViewData {
    var miner = PatternMiner()
    let normalizer = Normalizer()
    for row in 0..<data.rowCount {
      data.log.withText(at: data.logIndex(row: row)) { text, first in
        normalizer.withRecord(text, firstLineLength: first) { miner.add($0) }
      }
    }
    data.patterns.update(
      PatternRunner.Progress(
        miner: miner, mined: data.rowCount, total: data.rowCount, generation: 1, version: 1))
    return data
  }

  static func incident() throws -> ViewData { mined(try UITestData.data()) }

  static func selectedID(_ state: AppState, data: ViewData) -> String {
    let patterns = data.patterns.summary(errorsFirst: state.patterns.errorsFirst).patterns
    let position = PatternsPane.position(state.patterns, table: data.patterns, rows: 25)
    return patterns[position.selected].idText
  }

  @Test func opensMovesAndCloses() throws {
    let data = try Self.incident()
    var state = ReducerTests.run([.char("p")], data: data)
    #expect(state.main == .patterns)
    #expect(Self.selectedID(state, data: data) == "306040d4")
    state = ReducerTests.run([.char("j"), .char("j")], state: state, data: data)
    #expect(Self.selectedID(state, data: data) == "d76c12a6")
    state = ReducerTests.run([.char("G")], state: state, data: data)
    #expect(Self.selectedID(state, data: data) == "f51aed55")
    state = ReducerTests.run([.char("g"), .pageDown], state: state, data: data)
    #expect(PatternsPane.position(state.patterns, table: data.patterns, rows: 25).selected == 25)
    state = ReducerTests.run([.char("k")], state: state, data: data)
    #expect(PatternsPane.position(state.patterns, table: data.patterns, rows: 25).selected == 24)
    state = ReducerTests.run([.escape], state: state, data: data)
    #expect(state.main == .stream)
    state = ReducerTests.run([.char("p"), .char("p")], state: state, data: data)
    #expect(state.main == .stream)
  }

  /// `e` orders by errors and starts from the top; again, by records.
  @Test func errorsFirstToggles() throws {
    let data = try Self.incident()
    var state = ReducerTests.run([.char("p"), .char("j"), .char("e")], data: data)
    #expect(state.patterns.errorsFirst && state.notice == "most errors first")
    #expect(Self.selectedID(state, data: data) == "af748295")
    state = ReducerTests.run([.char("e")], state: state, data: data)
    #expect(!state.patterns.errorsFirst && Self.selectedID(state, data: data) == "306040d4")
  }

  /// Enter adds `pattern=ID` to the filter in force (parenthesized after an `or`) and goes
  /// back to the stream; the controller applies it as it does a typed filter.
  @Test(arguments: [
    ("", "pattern=af748295"),
    ("level>=warn", "level>=warn pattern=af748295"),
    ("level=error or level=fatal", "(level=error or level=fatal) pattern=af748295"),
  ])
  func enterFiltersToThePattern(_ applied: String, _ expected: String) throws {
    let data = try Self.incident()
    var state = AppState()
    state.appliedFilter = applied
    state = ReducerTests.run([.char("p"), .char("e"), .enter], state: state, data: data)
    #expect(state.main == .stream)
    #expect(state.filterEditor.text == expected)
  }

  @Test func enterWithNoPatternSaysSo() throws {
    let data = try UITestData.data()
    let state = ReducerTests.run([.char("p"), .enter], data: data)
    #expect(state.main == .patterns && state.notice == "no pattern to filter to")
  }

  /// The runner mines off the UI thread to the result of mining at once, goes on with
  /// arrivals without starting over, and starts over for other rows.
  @Test func runnerFollowsArrivalsAndStartsOverForANewFilter() throws {
    let log = TimeTestData.log(TimeTestData.steady(100))
    let runner = PatternRunner(log: log, options: NormalizerOptions())
    runner.sync(try TimeTestData.snapshot(log))
    #expect(waitUntil { !runner.pending })
    var progress = runner.progress
    #expect(progress.mined == 100 && progress.miner.records == 100)
    // "n0" … "n99": a letter and a digit are wording (a name like v1), a pattern each.
    #expect(progress.miner.patterns.count == 100)
    TimeTestData.append(TimeTestData.steady(40, from: 100), to: log)
    runner.sync(try TimeTestData.snapshot(log))
    #expect(waitUntil { !runner.pending })
    progress = runner.progress
    #expect(progress.mined == 140 && progress.miner.records == 140)
    runner.sync(try TimeTestData.snapshot(log, filter: "level=error", generation: 2))
    #expect(waitUntil { !runner.pending })
    progress = runner.progress
    #expect(progress.mined == 14 && progress.miner.records == 14)
    #expect(progress.miner.patterns.allSatisfy { $0.count(level: .error) == 1 })
  }

  /// Through the controller: `p` starts the mining, the pane polls while it runs, and the
  /// rows appear; Enter applies the filter after the debounce.
  @Test func controllerFillsThePaneAndFilters() throws {
    let log = try UITestData.log(UITestData.incident)
    let engine = FilterEngine(log: log) {}
    defer { engine.stop() }
    let clock = ManualClock()
    let controller = ExplorerController(
      log: log, engine: engine, options: NormalizerOptions(), palette: Palette(colors: false),
      filter: "", clock: { clock.now }, wallClock: { 0 })
    #expect(waitUntil { engine.snapshot().complete && engine.snapshot().count == log.count })
    controller.refresh(width: 120, height: 30)
    controller.handle([.char("p")], resized: false, width: 120, height: 30)
    #expect(controller.state.main == .patterns)
    #expect(
      waitUntil {
        controller.refresh(width: 120, height: 30)
        return !controller.data.patterns.mining
      })
    #expect(controller.data.patterns.summary(errorsFirst: false).patterns.count == 31)
    controller.handle([.char("e"), .enter], resized: false, width: 120, height: 30)
    controller.refresh(width: 120, height: 30)
    clock.advance(milliseconds: 100)
    controller.refresh(width: 120, height: 30)
    #expect(controller.state.appliedFilter == "pattern=af748295")
    #expect(waitUntil { engine.snapshot().complete && engine.snapshot().count == 86 })
  }

  // MARK: rendering

  static let scenarios: [(name: String, keys: [Key], colors: Bool)] = [
    ("patterns", [.char("p"), .char("j"), .char("j")], true),
    ("patterns-errors-mono", [.char("p"), .char("e")], false),
  ]

  @Test(arguments: scenarios)
  func matchesSnapshot(_ name: String, _ keys: [Key], _ colors: Bool) throws {
    let data = try Self.incident()
    for (width, height) in [(80, 24), (160, 30)] {
      var state = AppState()
      state.stream.selected = data.rowCount - 1
      ScreenSnapshot.press(keys, state: &state, data: data, width: width, height: height)
      ScreenSnapshot.expect(
        name, state: state, data: data, width: width, height: height, colors: colors)
    }
  }

  /// While mining, the title says how far it got and the empty pane says it is mining.
  @Test func titleShowsProgress() throws {
    let data = try UITestData.data()
    data.patterns.update(
      PatternRunner.Progress(
        miner: PatternMiner(), mined: 1646, total: 3292, generation: 1, version: 1))
    let state = ReducerTests.run([.char("p")], data: data)
    let screen = InMemoryScreen(width: 100, height: 10)
    screen.present(
      AppView(palette: Palette(colors: false), zone: .utc).render(
        state: state, data: data, rate: RateMeter(), width: 100, height: 10))
    let text = screen.text
    #expect(text.contains(" patterns · 0 records in 0 patterns · most records first · mining… 50%"))
    #expect(text.contains("  mining…"))
  }

  /// With --redact a template quoting a secret shows it masked (the pane had shown a planted
  /// AWS secret key).
  @Test(arguments: [false, true])
  func templatesAreMaskedWithRedact(_ redact: Bool) throws {
    var data = try UITestData.data(["secrets/app.log"])
    data.redact = redact
    data = Self.mined(data)
    let state = ReducerTests.run([.char("p")], data: data)
    let screen = InMemoryScreen(width: 200, height: 40)
    screen.present(
      AppView(palette: Palette(colors: false), zone: .utc).render(
        state: state, data: data, rate: RateMeter(), width: 200, height: 40))
    let text = screen.text
    #expect(text.contains("wJalrXUtnFEMI") != redact)
    #expect(text.contains("AWS_SECRET_ACCESS_KEY=[REDACTED:secret-field]") == redact)
  }
}
