import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewSystem

/// The filter and search histories kept across runs: loaded, bounded, each entry once,
/// written whole; a state directory that cannot be used fails with an error, never a crash.
struct HistoryFileTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var before: [String]
    var remembered: [String]
    var after: [String]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "first entry", before: [], remembered: ["level>=warn"], after: ["level>=warn"]),
    Case(name: "newest last", before: ["a"], remembered: ["b", "c"], after: ["a", "b", "c"]),
    Case(
      name: "repeat moves to the end", before: ["a", "b", "c"], remembered: ["a"],
      after: ["b", "c", "a"]),
    Case(name: "same again", before: ["a", "b"], remembered: ["b"], after: ["a", "b"]),
    Case(
      name: "empty and multi-line skipped", before: ["a"], remembered: ["", "x\ny", "z\r"],
      after: ["a"]),
    Case(name: "unicode kept", before: [], remembered: ["msg~\"日本\""], after: ["msg~\"日本\""]),
    Case(
      name: "bounded", before: (0..<HistoryFile.limit).map { "q\($0)" }, remembered: ["new"],
      after: (1..<HistoryFile.limit).map { "q\($0)" } + ["new"]),
  ]

  @Test(arguments: cases)
  func remembersEntries(_ test: Case) throws {
    let directory = TempDirectory()
    let state = directory.file("state/logview")
    let file = HistoryFile(directory: state, name: "filter-history")
    if !test.before.isEmpty {
      try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
      try (test.before.joined(separator: "\n") + "\n").write(
        toFile: file.path, atomically: false, encoding: .utf8)
    }
    for entry in test.remembered { try file.remember(entry) }
    #expect(file.load() == test.after)
    if !test.after.isEmpty {
      let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions]
      #expect(mode as? Int == 0o600 || test.after == test.before)
    }
    // Nothing left behind by the write-then-rename.
    let names = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
    #expect(names.allSatisfy { $0 == "filter-history" }, "\(names)")
  }

  /// A file with duplicates (written by hand, or by an older version) loads each entry once,
  /// and more than the limit loads the newest.
  @Test func loadDeduplicatesAndBounds() throws {
    let directory = TempDirectory()
    let file = HistoryFile(directory: directory.path, name: "search-history")
    let lines = ["a", "b", "a", "", "c"] + (0..<600).map { "n\($0)" }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: file.path, atomically: false, encoding: .utf8)
    let loaded = file.load()
    #expect(loaded.count == HistoryFile.limit)
    #expect(loaded.last == "n599" && loaded.first == "n100")
    #expect(HistoryFile.bounded(["a", "b", "a", "c"]) == ["b", "a", "c"])
  }

  /// A state directory under a regular file (or a missing file) loads nothing and fails to
  /// write with an error worded once; unwritable as root too.
  @Test func unusableStateDirectoryFailsQuietly() throws {
    let directory = TempDirectory()
    let blocker = directory.file("not-a-directory")
    try "x".write(toFile: blocker, atomically: false, encoding: .utf8)
    let file = HistoryFile(directory: blocker + "/logview", name: "filter-history")
    #expect(file.load() == [])
    #expect(throws: FileWriteError.cannotCreate(path: blocker + "/logview", errno: ENOTDIR)) {
      try file.remember("level>=warn")
    }
    #expect(
      FileWriteError.cannotCreate(path: "/s/logview", errno: ENOTDIR).description
        == "cannot write /s/logview: not a directory")
  }

  @Test(arguments: [
    (["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"], "/x/state/logview"),
    (["HOME": "/home/u"], "/home/u/.local/state/logview"),
    // A relative XDG_STATE_HOME is ignored, as the XDG specification says.
    (["XDG_STATE_HOME": "state", "HOME": "/home/u"], "/home/u/.local/state/logview"),
    (["XDG_STATE_HOME": "", "HOME": "/home/u"], "/home/u/.local/state/logview"),
  ])
  func stateDirectory(_ environment: [String: String], _ expected: String) {
    #expect(UserPaths.stateDirectory(environment: environment) == expected)
  }
}
