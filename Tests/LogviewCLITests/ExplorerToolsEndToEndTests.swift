import Foundation
import LogviewTestSupport
import Testing

/// The explorer's tools through the real binary in tmux: marks across a filter change, copy
/// to tmux's buffer (OSC 52), saving the view, the filter history across two runs.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerToolsEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }
  static let fixture = RepoRoot.fixture("incident/checkout-api.log")

  /// The program in a pane, its state directory in `state`; the exit status shows after it.
  static func start(_ arguments: String, state: TempDirectory, width: Int = 120) throws
    -> TmuxHarness
  {
    try TmuxHarness(
      "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent "
        + "XDG_STATE_HOME=\(state.path) \(binary) \(arguments); echo EXIT=$?; sleep 30",
      width: width)
  }

  static func quit(_ tmux: TmuxHarness) {
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  @Test func aMarkSurvivesAFilterChange() throws {
    let state = TempDirectory()
    let tmux = try Self.start(Self.fixture, state: state)
    #expect(tmux.waitFor { $0.contains("1,334 records") }.0)
    tmux.send("g")
    tmux.send("e")
    tmux.send("m")
    #expect(tmux.waitFor { $0.contains("1 marked") && $0.contains("▌") }.0)
    tmux.send("f")
    tmux.type("level>=error")
    tmux.send("Enter")
    let (kept, screen) = tmux.waitFor {
      $0.contains("filter: level>=error") && $0.contains("1 marked")
        && $0.split(separator: "\n").contains { $0.hasPrefix("▌") && $0.contains("ERROR") }
    }
    #expect(kept, "screen:\n\(screen)")
    Self.quit(tmux)
  }

  @Test func yCopiesTheRecordIntoTmuxsBuffer() throws {
    let state = TempDirectory()
    let tmux = try Self.start(Self.fixture, state: state)
    try tmux.tmux(["set-option", "-s", "set-clipboard", "on"])
    #expect(tmux.waitFor { $0.contains("1,334 records") }.0)
    tmux.send("g")
    tmux.send("y")
    let first =
      try String(contentsOfFile: Self.fixture, encoding: .utf8)
      .split(separator: "\n").first.map(String.init) ?? ""
    let (said, screen) = tmux.waitFor { $0.contains("copied 1 record (\(first.utf8.count) bytes)") }
    #expect(said, "screen:\n\(screen)")
    let copied = waitUntil { (try? tmux.tmux(["show-buffer"])) == first }
    #expect(copied, "buffer: \((try? tmux.tmux(["show-buffer"])) ?? "none")")
    Self.quit(tmux)
  }

  @Test func sWritesTheFilteredView() throws {
    let state = TempDirectory()
    let out = state.file("errors.log")
    let tmux = try Self.start("-q level=error " + Self.fixture, state: state)
    #expect(tmux.waitFor { $0.contains("1,334 records") && $0.contains("ERROR") }.0)
    tmux.send("S")
    #expect(tmux.waitFor { $0.contains("save view to:") }.0)
    tmux.type(out)
    tmux.send("Enter")
    let (saved, screen) = tmux.waitFor { $0.contains("saved ") }
    #expect(saved, "screen:\n\(screen)")
    let expected = try String(contentsOfFile: Self.fixture, encoding: .utf8)
      .split(separator: "\n").filter { $0.contains(#""level":"error""#) }
      .map { $0 + "\n" }.joined()
    #expect(!expected.isEmpty)
    #expect(try String(contentsOfFile: out, encoding: .utf8) == expected)
    Self.quit(tmux)
  }

  @Test func filterHistoryIsKeptAcrossRuns() throws {
    let state = TempDirectory()
    let first = try Self.start(Self.fixture, state: state)
    #expect(first.waitFor { $0.contains("1,334 records") }.0)
    first.send("f")
    first.type("service=checkout-api level>=warn")
    first.send("Enter")
    #expect(first.waitFor { $0.contains("filter: service=checkout-api level>=warn") }.0)
    Self.quit(first)
    #expect(
      (try? String(contentsOfFile: state.file("logview/filter-history"), encoding: .utf8))
        == "service=checkout-api level>=warn\n")
    let second = try Self.start(Self.fixture, state: state)
    #expect(second.waitFor { $0.contains("1,334 records") }.0)
    second.send("f")
    second.send("Up")
    let (recalled, screen) = second.waitFor {
      $0.contains("filter> service=checkout-api level>=warn")
    }
    #expect(recalled, "screen:\n\(screen)")
    second.send("Escape")
    Self.quit(second)
  }
}
