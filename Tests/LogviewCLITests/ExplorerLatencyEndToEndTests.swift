import Foundation
import LogviewTestSupport
import Testing

/// The latency pane (`L`) through the real binary in tmux.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerLatencyEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }

  /// `L` shows the services and routes of the filtered records, follows a record appended
  /// to the file, and Enter on a route filters the stream to its p99 and slower.
  @Test func latencyPaneFollowsAndFilters() throws {
    let dir = TempDirectory()
    let path = dir.path + "/checkout.log"
    try FileManager.default.copyItem(
      atPath: RepoRoot.fixture("incident/checkout-api.log"), toPath: path)
    let command =
      "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=\(dir.path)"
      + " \(Self.binary) \(path); echo EXIT=$?; sleep 30"
    let tmux = try TmuxHarness(command, width: 120, height: 30)
    #expect(tmux.waitFor { $0.contains("1,334 records") }.0)
    tmux.send("L")
    let (opened, screen) = tmux.waitFor {
      $0.contains("latency · 618 records with a duration · 716 without")
        && $0.contains("POST /v1/orders")
    }
    #expect(opened, "screen:\n\(screen)")
    #expect(screen.contains("GET /healthz") && screen.contains("all services"), "\(screen)")
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    handle.seekToEndOfFile()
    handle.write(
      Data(
        (#"{"timestamp":"2024-03-15T10:25:30Z","level":"info","service":"checkout-api","durationMs":12,"http":{"method":"GET","path":"/v1/orders/ord_981"}}"#
          + "\n").utf8))
    try handle.close()
    let (followed, live) = tmux.waitFor {
      $0.contains("619 records with a duration") && $0.contains("GET /v1/orders/<id>")
    }
    #expect(followed, "screen:\n\(live)")
    // The cursor to POST /v1/orders, the second row.
    tmux.send("j")
    tmux.send("Enter")
    let (filtered, stream) = tmux.waitFor {
      $0.contains("duration>=") && $0.contains("records") && !$0.contains("latency ·")
    }
    #expect(filtered, "screen:\n\(stream)")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }
}
