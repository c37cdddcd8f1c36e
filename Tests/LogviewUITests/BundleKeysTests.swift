import Foundation
import LogviewCore
import LogviewStore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// `b` in the request view: the save prompt offers `./incident-<ID>.md`, Enter asks the
/// controller for a bundle, which is written off the screen's thread and said in the bar.
@Suite struct BundleKeysTests {
  typealias Fixture = ExplorerControllerTests.Fixture

  /// The incident fixture's failing request open in the request view.
  static func requestView() throws -> (AppState, ViewData) {
    let data = try UITestData.data()
    let row = (0..<data.rowCount).first { row in
      data.withRecord(logIndex: data.logIndex(row: row)) { $0.string(of: .requestId) }
        == "req_7f42a9c1"
    }
    var state = AppState()
    state.stream.selected = try #require(row)
    state.follow = false
    state = ReducerTests.run([.char("c")], state: state, data: data)
    #expect(state.main == .correlation)
    return (state, data)
  }

  @Test func bOpensThePromptWithANameFromTheRequest() throws {
    let (view, data) = try Self.requestView()
    var state = ReducerTests.run([.char("b")], state: view, data: data)
    #expect(state.mode == .save && state.save.kind == .bundle)
    #expect(state.save.editor.text == "./incident-req_7f42a9c1.md")
    state = ReducerTests.run([.enter], state: state, data: data)
    #expect(state.mode == .browse && state.main == .correlation)
    #expect(
      state.save.request
        == SaveRequest(
          path: "./incident-req_7f42a9c1.md", replace: false, list: .correlation, kind: .bundle))
    // Esc leaves without a request; `S` afterwards is a plain save again.
    let none = ReducerTests.run([.char("b"), .escape], state: view, data: data)
    #expect(none.save.request == nil && none.mode == .browse)
    let save = ReducerTests.run([.char("b"), .escape, .char("S")], state: view, data: data)
    #expect(save.save.kind == .view && save.save.editor.text.isEmpty)
  }

  /// `b` means nothing in the stream.
  @Test func bInTheStreamIsNoBundle() throws {
    let data = try UITestData.data()
    let state = ReducerTests.run([.char("b")], data: data)
    #expect(state.mode == .browse && state.save.request == nil)
  }

  @Test(arguments: [
    ("req_7f42a9c1", "req_7f42a9c1"), ("a/b c", "a_b_c"), ("../etc", "_._etc"),
    ("trace:1.2-x", "trace_1.2-x"), ("é", "_"),
    (String(repeating: "x", count: 70), String(repeating: "x", count: 64)),
  ])
  func fileNamePartIsSafe(_ id: String, _ expected: String) {
    #expect(Reducer.fileNamePart(id) == expected)
  }

  /// A bundle never replaces an input file of the explorer's (its NDJSON could be one).
  @Test func anInputIsNeverReplaced() throws {
    let dir = TempDirectory()
    let input = dir.file("app.ndjson")
    let line = #"{"level":"info","msg":"x","requestId":"req_i"}"# + "\n"
    try line.write(toFile: input, atomically: false, encoding: .utf8)
    let log = LiveLog(options: NormalizerOptions(), sources: [input])
    Array(line.utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
    let engine = FilterEngine(log: log) {}
    defer { engine.stop() }
    let controller = ExplorerController(
      log: log, engine: engine, options: NormalizerOptions(), palette: Palette(colors: true),
      filter: "", clock: { 0 }, wallClock: { 0 })
    #expect(waitUntil { engine.snapshot().complete && engine.snapshot().total == 1 })
    controller.refresh(width: 100, height: 20)
    let keys: [Key] =
      [.char("c"), .char("b"), .ctrl("u")] + dir.file("app.md").map { .char($0) } + [.enter]
    controller.handle(keys, resized: false, width: 100, height: 20)
    #expect(
      controller.state.notice
        == "no bundle written: \(dir.file("app.md")) would replace the input \(input)")
    #expect(try String(contentsOfFile: input, encoding: .utf8) == line)
  }

  /// The controller writes both files off the screen's thread, redacted, and says so; an
  /// existing bundle is replaced only after `y`.
  @Test func controllerWritesTheBundle() throws {
    let dir = TempDirectory()
    let f = Fixture(lines: 3)
    let lines = [
      #"{"time":"2024-03-15T10:00:00Z","level":"info","service":"api","msg":"start","requestId":"req_b"}"#,
      #"{"time":"2024-03-15T10:00:01Z","level":"error","service":"auth","msg":"login password=hunter2 refused","requestId":"req_b"}"#,
    ]
    Array((lines.joined(separator: "\n") + "\n").utf8).withUnsafeBytes {
      _ = f.log.append($0, source: 0)
    }
    f.engine.catchUp()
    f.settle()
    f.keys([.char("G"), .char("c"), .char("b")])
    #expect(f.controller.state.save.editor.text == "./incident-req_b.md")
    let path = dir.file("req.md")
    f.keys([.ctrl("u")])
    f.type(path)
    f.keys([.enter])
    let said =
      "bundle written: \(path) (2 records; raw lines as NDJSON in \(dir.file("req.ndjson")))"
    #expect(
      waitUntil {
        f.refresh(); return f.controller.state.notice == said
      })
    let markdown = try String(contentsOfFile: path, encoding: .utf8)
    #expect(markdown.hasPrefix("# Incident bundle: request `req_b`\n"))
    #expect(
      markdown.contains(
        "| +1.000s | 10:00:01.000 | auth | ERROR | login password=\\[REDACTED:secret-field] refused |"
      ))
    #expect(!markdown.contains("hunter2"))
    let ndjson = try String(contentsOfFile: dir.file("req.ndjson"), encoding: .utf8)
    #expect(ndjson.split(separator: "\n").count == 2 && !ndjson.contains("hunter2"))
    // Again: the files exist, so the bar asks first.
    f.keys([.char("b"), .ctrl("u")])
    f.type(path)
    f.keys([.enter])
    #expect(f.controller.state.mode == .save && f.controller.state.save.confirming == path)
    f.keys([.char("n")])
    #expect(f.controller.state.notice == "no bundle written")
    f.keys([.char("b"), .ctrl("u")])
    f.type(path)
    f.keys([.enter, .char("y")])
    #expect(
      waitUntil {
        f.refresh(); return f.controller.state.notice == said
      })
    // A directory that is not there is said in the bar.
    let missing = dir.file("no/x.md")
    f.keys([.char("b"), .ctrl("u")])
    f.type(missing)
    f.keys([.enter])
    #expect(
      waitUntil {
        f.refresh()
        return f.controller.state.notice
          == "no bundle written: cannot write \(missing): no such directory"
      })
  }
}
