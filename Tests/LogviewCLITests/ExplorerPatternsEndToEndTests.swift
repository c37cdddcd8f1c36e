import Foundation
import LogviewTestSupport
import Testing

/// The patterns pane (`p`) through the real binary in tmux.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerPatternsEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }

  /// `p` fills in the patterns of the incident, `e` puts the errors first, Enter filters
  /// the stream to the selected pattern; a record appended to the file joins its pattern,
  /// and a changed filter mines again.
  @Test func minesOrdersFiltersAndFollows() throws {
    let dir = TempDirectory()
    let path = dir.path + "/checkout.log"
    try FileManager.default.copyItem(
      atPath: RepoRoot.fixture("incident/checkout-api.log"), toPath: path)
    let command =
      "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent \(Self.binary) \(path); echo EXIT=$?; sleep 30"
    let tmux = try TmuxHarness(command, width: 140, height: 40)
    #expect(tmux.waitFor { $0.contains("1,334 records") }.0)
    tmux.send("p")
    let (opened, screen) = tmux.waitFor {
      $0.contains("patterns · 1,334 records in") && $0.contains("306040d4")
    }
    #expect(opened, "screen:\n\(screen)")
    #expect(screen.contains("POST /v1/orders -> <num> Created"), "screen:\n\(screen)")
    tmux.send("e")
    let (ordered, errors) = tmux.waitFor { $0.contains("most errors first") }
    #expect(ordered, "screen:\n\(errors)")
    #expect(errors.contains("▸ af748295"), "screen:\n\(errors)")
    tmux.send("Enter")
    let (filtered, stream) = tmux.waitFor {
      $0.contains("86 match") && $0.contains("pattern=af748295")
    }
    #expect(filtered, "screen:\n\(stream)")
    #expect(stream.contains("Service Unavailable"), "screen:\n\(stream)")
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    handle.seekToEndOfFile()
    handle.write(
      Data(
        (#"{"timestamp":"2024-03-15T10:25:30Z","level":"error","service":"checkout-api","message":"POST /v1/orders -> 503 Service Unavailable: payment circuit open"}"#
          + "\n").utf8))
    try handle.close()
    #expect(tmux.waitFor { $0.contains("87 match") }.0)
    tmux.send("p")
    let (live, pane) = tmux.waitFor { $0.contains("patterns · 87 records in 1 pattern") }
    #expect(live, "screen:\n\(pane)")
    tmux.send("Escape")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }
}
