import LogviewCore
import Testing

@testable import LogviewUI

/// The bars' histories: loaded from an earlier run, each entry kept once, and every entry
/// kept with Enter handed on to be written.
@Suite struct PromptHistoryTests {
  typealias Fixture = ExplorerControllerTests.Fixture

  @Test func loadedHistoryIsRecalledAndNewEntriesHandedOn() {
    let f = Fixture(lines: 20)
    f.controller.loadHistory(.filter, ["level>=warn", "msg~line"])
    f.controller.loadHistory(.search, ["line 7"])
    var kept: [(PromptHistory, String)] = []
    f.controller.onRemember = { kept.append(($0, $1)) }
    f.keys([.char("f"), .up])
    #expect(f.controller.state.filterEditor.text == "msg~line")
    f.keys([.up])
    #expect(f.controller.state.filterEditor.text == "level>=warn")
    f.keys([.ctrl("u")])
    f.type("level=error")
    f.keys([.enter, .char("/"), .up])
    #expect(f.controller.state.searchEditor.text == "line 7")
    f.keys([.ctrl("u")])
    f.type("line 3")
    f.keys([.enter])
    #expect(kept.map(\.0) == [.filter, .search])
    #expect(kept.map(\.1) == ["level=error", "line 3"])
    #expect(f.controller.state.searchEditor.history == ["line 7", "line 3"])
    // Escape keeps nothing.
    f.keys([.char("f"), .char("x"), .escape])
    #expect(kept.count == 2)
  }

  @Test(arguments: [
    (["a", "b", "c"], "a", ["b", "c", "a"]),
    (["a", "b"], "b", ["a", "b"]),
    (["a"], "", ["a"]),
  ])
  func rememberKeepsEachEntryOnce(_ before: [String], _ entry: String, _ after: [String]) {
    var editor = LineEditor()
    editor.setHistory(before)
    editor.remember(entry)
    #expect(editor.history == after)
  }

  @Test func historyIsBounded() {
    var editor = LineEditor()
    editor.setHistory((0..<600).map { "q\($0)" })
    #expect(editor.history.count == LineEditor.historyLimit && editor.history.first == "q100")
    editor.remember("new")
    #expect(editor.history.count == LineEditor.historyLimit && editor.history.last == "new")
  }
}
