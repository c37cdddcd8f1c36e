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
  @Test func noSourceImportsFoundation() throws {
    let files = try Self.sources()
    #expect(files.count > 100)
    for (path, text) in files {
      let imports = text.split(separator: "\n").filter {
        $0.hasPrefix("import Foundation") || $0.contains("import FoundationEssentials")
      }
      #expect(imports.isEmpty, "\(path) imports Foundation")
    }
  }

  /// Only the terminal layer talks to ncurses.
  @Test func onlyTheTerminalLayerImportsNcurses() throws {
    for (path, text) in try Self.sources() where text.contains("import CNcursesw") {
      #expect(path.contains("/Sources/LogviewTerminal/"), "\(path) imports ncurses")
    }
  }
}
