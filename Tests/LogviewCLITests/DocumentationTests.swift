import Foundation
import LogviewTestSupport
import Testing

@testable import LogviewCLI

/// README.md and man/logview.1 document every option the parser knows.
struct DocumentationTests {
  static var options: [String] {
    let help = LogviewCommand.helpMessage()
    let pattern = try! Regex("--[a-z][a-z-]*")
    let found = help.matches(of: pattern).map { String(help[$0.range]) }
    return Array(Set(found)).sorted()
  }

  @Test func everyOptionIsInTheReadmeAndTheManPage() throws {
    let readme = try String(
      contentsOf: RepoRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
    let man = try String(
      contentsOf: RepoRoot.url.appendingPathComponent("man/logview.1"), encoding: .utf8)
    #expect(Self.options.count > 10)
    for option in Self.options {
      #expect(readme.contains(option), "README.md lacks \(option)")
      #expect(
        man.contains(option.replacingOccurrences(of: "-", with: "\\-")), "man page lacks \(option)")
    }
  }
}
