import Foundation
import LogviewTestSupport
import Testing

/// The histogram (`i`) and the jump to a time (`T`) through the real binary in tmux.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerTimeEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }

  static func wrapped(_ command: String) -> String {
    "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent \(command); echo EXIT=$?; sleep 30"
  }

  /// The histogram opens fitted to the screen, zooms, follows a record appended to the file,
  /// and Enter on its first bucket puts the stream on the first record.
  @Test func histogramZoomsFollowsAndJumps() throws {
    let dir = TempDirectory()
    let path = dir.path + "/checkout.log"
    try FileManager.default.copyItem(
      atPath: RepoRoot.fixture("incident/checkout-api.log"), toPath: path)
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(path)"), width: 120, height: 40)
    #expect(tmux.waitFor { $0.contains("1,334 records") }.0)
    tmux.send("i")
    let (opened, screen) = tmux.waitFor { $0.contains("histogram · 1 min buckets (fit)") }
    #expect(opened, "screen:\n\(screen)")
    #expect(screen.contains("10:19") && screen.contains("error"), "screen:\n\(screen)")
    tmux.send("+")
    #expect(tmux.waitFor { $0.contains("histogram · 30 s buckets ·") }.0)
    tmux.send("-")
    #expect(tmux.waitFor { $0.contains("histogram · 1 min buckets ·") }.0)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    handle.seekToEndOfFile()
    handle.write(
      Data(
        (#"{"timestamp":"2024-03-15T10:25:30Z","level":"error","service":"checkout-api","message":"late"}"#
          + "\n").utf8))
    try handle.close()
    let (followed, live) = tmux.waitFor { $0.contains("1,335 records") && $0.contains("▸ 10:25") }
    #expect(followed, "screen:\n\(live)")
    tmux.send("g")
    tmux.send("Enter")
    let (jumped, stream) = tmux.waitFor { $0.contains("at 2024-03-15 10:00:01.203") }
    #expect(jumped, "screen:\n\(stream)")
    #expect(!stream.contains("histogram ·"))
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }

  /// `T` with a bare time of day lands on the archived file's day, not today's; bad input
  /// says so in the bar.
  @Test func jumpToATime() throws {
    let files = ["incident/checkout-api.log", "incident/payment-service.log"].map(RepoRoot.fixture)
    let tmux = try TmuxHarness(
      Self.wrapped("\(Self.binary) \(files.joined(separator: " "))"), width: 120, height: 40)
    #expect(tmux.waitFor { $0.contains("1,957 records") }.0)
    tmux.send("T")
    #expect(tmux.waitFor { $0.contains("\ntime>") }.0)
    tmux.type("10:10")
    tmux.send("Enter")
    let (jumped, screen) = tmux.waitFor { $0.contains("at 2024-03-15 10:10:0") }
    #expect(jumped, "screen:\n\(screen)")
    #expect(screen.contains("PAUSED"), "screen:\n\(screen)")
    // The selected row is in the middle of the screen and is the first at or after 10:10.
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(rows.count > 21 && rows[19...21].contains { $0.hasPrefix("10:10:0") }, "\(screen)")
    tmux.send("T")
    tmux.type("half past ten")
    tmux.send("Enter")
    let (refused, bad) = tmux.waitFor { $0.contains("not a time: 'half past ten'") }
    #expect(refused, "screen:\n\(bad)")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }
}
