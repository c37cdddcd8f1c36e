import Foundation
import LogviewCore
import LogviewStore
import LogviewSystem
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// `y` leaves the selected record's raw text for the clipboard; `S` asks for a path and the
/// controller writes the view there as raw lines.
@Suite struct CopyAndSaveTests {
  typealias Fixture = ExplorerControllerTests.Fixture

  @Test func yCopiesTheSelectedRecordsRawText() throws {
    let data = try UITestData.data()
    let state = ReducerTests.run([.char("g"), .char("y")], data: data)
    let raw = data.log.withText(at: data.logIndex(row: 0)) { text, _ in Array(text) }
    #expect(state.clipboard == raw)
    #expect(state.notice == "copied 1 record (\(raw.count) bytes)")
  }

  /// Past the limit the copy is cut, never inside a UTF-8 character, and says so.
  @Test(arguments: [0, 1, 2])
  func aHugeRecordIsCutAtTheLimit(_ shift: Int) {
    let bytes =
      Array(repeating: UInt8(ascii: "a"), count: shift)
      + Array(
        String(repeating: "é", count: Reducer.clipboardLimit).utf8)
    let kept = Reducer.clipboardPrefix(bytes)
    #expect(kept <= Reducer.clipboardLimit && kept > Reducer.clipboardLimit - 2)
    #expect(String(validating: bytes[..<kept], as: UTF8.self) != nil)
    #expect(Reducer.clipboardPrefix(Array(bytes[..<100])) == 100)
  }

  @Test func hugeRecordCopyIsCutAndSaysSo() {
    let f = Fixture(lines: 1)
    let big = #"{"msg":""# + String(repeating: "x", count: 600_000) + #""}"# + "\n"
    Array(big.utf8).withUnsafeBytes { _ = f.log.append($0, source: 0) }
    f.engine.catchUp()
    f.settle()
    f.keys([.char("y")])
    #expect(f.controller.takeClipboard()?.count == Reducer.clipboardLimit)
    #expect(f.controller.takeClipboard() == nil)
    #expect(f.controller.state.notice?.contains("of the record's 600,010 bytes") == true)
  }

  @Test func savePromptAsksForAPathThenRequests() throws {
    let data = try UITestData.data()
    var state = ReducerTests.run([.char("S")] + "out.log".map { .char($0) }, data: data)
    #expect(state.mode == .save && state.save.editor.text == "out.log")
    state = ReducerTests.run([.enter], state: state, data: data)
    #expect(state.mode == .browse)
    #expect(state.save.request == SaveRequest(path: "out.log", replace: false, list: .stream))
    // In the focused errors pane, S saves that pane; Esc leaves without a request.
    let errors = ReducerTests.run([.char("t"), .tab, .char("S"), .char("x"), .enter], data: data)
    #expect(errors.save.request?.list == .errors)
    let none = ReducerTests.run([.char("S"), .char("x"), .escape], data: data)
    #expect(none.save.request == nil && none.mode == .browse)
    let empty = ReducerTests.run([.char("S"), .enter], data: data)
    #expect(empty.save.request == nil && empty.notice == "not saved: no file name")
  }

  /// The saved file holds exactly the view's raw lines: the filtered stream, the focused
  /// errors pane.
  @Test(arguments: [("", [Key]()), ("level=error", []), ("", [.char("t"), .tab])])
  func savedFileHoldsTheViewsRawLines(_ filter: String, _ before: [Key]) throws {
    let dir = TempDirectory()
    let f = Fixture(lines: 50, filter: filter)
    f.keys(before)
    let path = dir.file("view.log")
    f.keys([.char("S")])
    f.type(path)
    f.keys([.enter])
    #expect(
      waitUntil {
        f.refresh(); return f.controller.state.notice?.hasPrefix("saved") == true
      })
    let data = f.controller.data
    let indices =
      before.isEmpty
      ? (0..<data.rowCount).map { data.logIndex(row: $0) }
      : data.errorRows.map { data.logIndex(row: $0) }
    let expected = indices.map { index in
      f.log.withText(at: index) { text, _ in String(decoding: text, as: UTF8.self) + "\n" }
    }.joined()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    let count = indices.count
    #expect(
      f.controller.state.notice
        == "saved \(count) records to \(path) (\(StatusLine.grouped(expected.utf8.count)) bytes)")
  }

  /// An existing file is replaced only after `y`; errors are said in the bar.
  @Test func existingFilesAndErrors() throws {
    let dir = TempDirectory()
    let path = dir.file("old.log")
    try "keep me\n".write(toFile: path, atomically: false, encoding: .utf8)
    let f = Fixture(lines: 5)
    f.keys([.char("S")])
    f.type(path)
    f.keys([.enter])
    #expect(f.controller.state.mode == .save && f.controller.state.save.confirming == path)
    f.keys([.char("n")])
    #expect(f.controller.state.notice == "not saved")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")
    f.keys([.char("S")])
    f.type(path)
    f.keys([.enter, .char("y")])
    #expect(
      waitUntil {
        f.refresh(); return f.controller.state.notice?.hasPrefix("saved 5") == true
      })
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(#"{"level":"error""#))
    let locked = dir.file("locked")
    try FileManager.default.createDirectory(
      atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
    var cases = [
      (dir.file("missing/x.log"), "cannot write \(dir.file("missing/x.log")): no such directory"),
      (dir.path, "cannot write \(dir.path): is a directory"),
    ]
    // Root writes anywhere.
    if getuid() != 0 {
      cases.append((locked + "/x.log", "cannot write \(locked)/x.log: permission denied"))
    }
    for (typed, said) in cases {
      f.keys([.char("S")])
      f.type(typed)
      f.keys([.enter])
      if f.controller.state.save.confirming != nil { f.keys([.char("y")]) }
      #expect(f.controller.state.notice == "not saved: " + said)
    }
  }

  /// q while a save is being written asks for a second q.
  @Test func quitWaitsForASecondQWhileSaving() throws {
    // A FIFO nobody reads yet: the writer blocks once the pipe is full.
    let dir = TempDirectory()
    let fifo = dir.file("slow")
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    defer { close(reader) }
    let f = Fixture(lines: 5)
    f.controller.saver = ViewSaver(
      file: try OutputFile(path: fifo, replace: true), log: f.log,
      records: .indices(Array(repeating: 0, count: 4000)))
    f.keys([.char("q")])
    #expect(!f.controller.quit)
    #expect(f.controller.state.notice?.hasPrefix("still saving to \(fifo)") == true)
    f.keys([.char("q")])
    #expect(f.controller.quit)
    // Drained, so the writer finishes.
    var buffer = [UInt8](repeating: 0, count: 65536)
    var total = 0
    while f.controller.saver?.result == nil || total < 4000 * 30 {
      let count = read(reader, &buffer, buffer.count)
      if count > 0 { total += count } else if count == 0 { break } else { usleep(1000) }
    }
    #expect(waitUntil { f.controller.saver?.result != nil })
  }

  /// `~` is the home directory.
  @Test func tildeIsHome() {
    #expect(UserPaths.expandingTilde("~/x.log", home: "/home/u") == "/home/u/x.log")
    #expect(UserPaths.expandingTilde("~", home: "/home/u") == "/home/u")
    #expect(UserPaths.expandingTilde("~bob/x", home: "/home/u") == "~bob/x")
    #expect(UserPaths.expandingTilde("a/~/x", home: "/home/u") == "a/~/x")
    #expect(UserPaths.expandingTilde("~/x", home: nil) == "~/x")
  }
}
