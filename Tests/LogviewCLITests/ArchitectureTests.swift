import Foundation
import LogviewTestSupport
import Testing

/// Rules of Sources/ARCHITECTURE.md that a compiler does not check.
struct ArchitectureTests {
  static func sources() throws -> [(path: String, text: String)] {
    let root = RepoRoot.url.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    var found: [(String, String)] = []
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      found.append((url.path, try String(contentsOf: url, encoding: .utf8)))
    }
    return found
  }

  /// Foundation and ICU cost 2.5 ms of every start (a 250 MB --count takes 110 ms); the
  /// binary does without them.
  /// (The static link fails too, with a page of undefined CoreFoundation symbols; this
  /// says why.)
  @Test func noSourceImportsFoundation() throws {
    let files = try Self.sources()
    #expect(files.count > 100)
    for (path, text) in files {
      #expect(!Self.importsFoundation(text), "\(path) imports Foundation")
    }
  }

  static func importsFoundation(_ text: String) -> Bool {
    text.split(separator: "\n").contains {
      let line = $0.drop { $0 == " " }
      return [
        "import Foundation", "@preconcurrency import Foundation", "internal import Foundation",
      ]
      .contains { line.hasPrefix($0) }
    }
  }

  @Test(arguments: [
    ("import Foundation\n", true), ("import Glibc\nimport FoundationEssentials\n", true),
    ("  @preconcurrency import Foundation", true), ("/// no Foundation here\n", false),
    ("import Glibc\n", false),
  ])
  func detectsAFoundationImport(_ text: String, _ expected: Bool) {
    #expect(Self.importsFoundation(text) == expected)
  }

  /// Only the terminal layer talks to ncurses.
  @Test func onlyTheTerminalLayerImportsNcurses() throws {
    for (path, text) in try Self.sources() where text.contains("import CNcursesw") {
      #expect(path.contains("/Sources/LogviewTerminal/"), "\(path) imports ncurses")
    }
  }
}
