import Foundation
import LogviewTestSupport
import Testing

/// The explorer's rows in a real terminal (issue 12, defect 3 and tool 14): a log across
/// midnight shows dates, Ctrl-W wraps long rows, and the configuration file's `hide-fields`
/// leaves fields out with a note in the status line.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerRowsEndToEndTests {
  @Test func datesWrappingAndHiddenFields() throws {
    let dir = TempDirectory()
    try FileManager.default.createDirectory(
      atPath: dir.path + "/logview", withIntermediateDirectories: true)
    try "hide-fields = hostname\n".write(
      toFile: dir.path + "/logview/config", atomically: true, encoding: .utf8)
    let command =
      "env LOGVIEW_NOW=2024-03-16T12:00:00Z XDG_CONFIG_HOME=\(dir.path) "
      + "\(BinaryHarness.executable.path) \(RepoRoot.fixture("midnight/nightly-batch.log"))"
      + "; echo EXIT=$?; sleep 30"
    let tmux = try TmuxHarness(command, width: 100, height: 20)
    let (dated, screen) = tmux.waitFor { $0.contains("retried settlement") }
    #expect(dated, "screen:\n\(screen)")
    // The three records the issue names, each with its own day.
    for time in ["2024-03-14 23:59:58.120", "2024-03-15 00:00:01.000", "2024-03-16 00:00:01.000"] {
      #expect(screen.contains(time + " "), "\(time) missing:\n\(screen)")
    }
    #expect(screen.contains("1 field hidden"), "screen:\n\(screen)")
    #expect(!screen.contains("hostname="), "screen:\n\(screen)")
    #expect(screen.contains("pid=3112"), "screen:\n\(screen)")
    // The long error record is cut at the edge until Ctrl-W wraps it.
    #expect(!screen.contains("still holds it"), "screen:\n\(screen)")
    tmux.send("C-w")
    let (wrapped, after) = tmux.waitFor { $0.contains("still holds it") }
    #expect(wrapped, "screen:\n\(after)")
    #expect(after.contains("long rows wrapped"), "screen:\n\(after)")
    // Following still shows the newest record whole at the bottom.
    #expect(after.contains("FOLLOW") && after.contains("batch finished"), "screen:\n\(after)")
    tmux.send("C-w")
    #expect(tmux.waitFor { !$0.contains("still holds it") }.0)
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }
}
