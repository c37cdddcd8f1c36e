import Foundation
import LogviewCore
import LogviewStore
import LogviewTestSupport
import LogviewUI
import Testing

@testable import LogviewCLI

/// The command line's wiring of the histories: loaded at start, written on each entry, and
/// a state directory that cannot be written said once in the bar, never more.
@MainActor
struct ExplorerHistoryTests {
  static func controller() -> (ExplorerController, FilterEngine) {
    let log = LiveLog(options: NormalizerOptions(), sources: ["app.log"])
    Array(#"{"level":"info","msg":"hello"}\#n"#.utf8).withUnsafeBytes {
      _ = log.append($0, source: 0)
    }
    let engine = FilterEngine(log: log) {}
    let controller = ExplorerController(
      log: log, engine: engine, options: NormalizerOptions(), palette: Palette(colors: false),
      filter: "", clock: { 0 }, wallClock: { 0 })
    return (controller, engine)
  }

  @Test func loadsAndKeepsEntries() throws {
    let state = TempDirectory()
    let file = HistoryFileFixture(state.path)
    try file.write("filter-history", ["level>=warn", "msg~x"])
    let (controller, engine) = Self.controller()
    defer { engine.stop() }
    ExplorerHistory.attach(to: controller, environment: ["XDG_STATE_HOME": state.path])
    #expect(controller.state.filterEditor.history == ["level>=warn", "msg~x"])
    #expect(controller.state.searchEditor.history == [])
    controller.onRemember?(.search, "timeout")
    #expect(try file.read("search-history") == ["timeout"])
  }

  @Test func anUnwritableStateDirectoryIsSaidOnce() throws {
    let scratch = TempDirectory()
    let blocker = scratch.file("file")
    try "x".write(toFile: blocker, atomically: false, encoding: .utf8)
    let (controller, engine) = Self.controller()
    defer { engine.stop() }
    ExplorerHistory.attach(to: controller, environment: ["XDG_STATE_HOME": blocker])
    #expect(controller.state.filterEditor.history == [])
    controller.onRemember?(.filter, "level>=warn")
    #expect(
      controller.state.notice
        == "history not kept: cannot write \(blocker)/logview: not a directory")
    controller.handle([.char("j")], resized: false, width: 80, height: 24)
    #expect(controller.state.notice == nil)
    controller.onRemember?(.search, "x")
    #expect(controller.state.notice == nil)
  }
}

/// Reads and writes history files as a user's editor would.
struct HistoryFileFixture {
  let directory: String
  init(_ state: String) { directory = state + "/logview" }

  func write(_ name: String, _ entries: [String]) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try (entries.joined(separator: "\n") + "\n").write(
      toFile: directory + "/" + name, atomically: false, encoding: .utf8)
  }

  func read(_ name: String) throws -> [String] {
    try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      .split(separator: "\n").map(String.init)
  }
}
