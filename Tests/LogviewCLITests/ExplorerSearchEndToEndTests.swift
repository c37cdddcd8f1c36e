import Foundation
import LogviewTestSupport
import Testing

/// The `/` search in a real terminal (tmux): a regular expression found on screen while
/// following, hits counted in the bottom bar, n wrapping around, and a pathological pattern
/// that leaves the keys answered.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerSearchEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }

  static func wrapped(_ command: String) -> String {
    "env XDG_CONFIG_HOME=/nonexistent XDG_STATE_HOME=/nonexistent \(command); echo EXIT=$?; sleep 30"
  }

  @Test func searchFindsCountsWrapsAndNeverFreezes() throws {
    let dir = TempDirectory()
    let path = dir.path + "/app.log"
    let costly = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
    let lines = (0..<200).map { i -> String in
      let message =
        switch i {
        case 20: "upstream timed out after 3s"
        case 190: "payment Timeout: gave up"
        case 100..<150: costly
        default: "request \(i) served"
        }
      return
        #"{"ts":"2024-03-15T10:00:\#(String(format: "%02d", i % 60))Z","level":"info","msg":"\#(message)"}"#
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let tmux = try TmuxHarness(Self.wrapped("\(Self.binary) \(path)"), width: 120, height: 30)
    #expect(tmux.waitFor { $0.contains("request 199 served") && $0.contains("FOLLOW") }.0)
    // Following: the selection is on the last row, the match a few rows above it.
    tmux.send("/")
    tmux.type("time(d)? ?out")
    tmux.send("Enter")
    var (found, screen) = tmux.waitFor { $0.contains("hit 2 of 2") }
    #expect(found, "screen:\n\(screen)")
    #expect(!screen.contains("not found"), "screen:\n\(screen)")
    tmux.send("n")
    (found, screen) = tmux.waitFor { $0.contains("search wrapped") && $0.contains("hit 1 of 2") }
    #expect(found, "screen:\n\(screen)")
    #expect(screen.contains("upstream timed out"), "centered, on screen:\n\(screen)")
    // An uppercase letter makes the search exact.
    tmux.send("/")
    tmux.type("Time")
    tmux.send("Enter")
    (found, screen) = tmux.waitFor { $0.contains("search: Time  hit 1 of 1") }
    #expect(found, "screen:\n\(screen)")
    // Fifty rows on which PCRE2 backtracks without end: counted, highlighted, keys answered.
    tmux.send("/")
    tmux.type("(a+)+$")
    tmux.send("Enter")
    tmux.send("g")
    (found, screen) = tmux.waitFor(seconds: 5) { $0.contains("no hits") }
    #expect(found, "screen:\n\(screen)")
    tmux.send("/")
    tmux.type("(a+)+!")
    tmux.send("Enter")
    (found, screen) = tmux.waitFor(seconds: 5) { $0.contains("hit 1 of 50") }
    #expect(found, "screen:\n\(screen)")
    // Not a regular expression: searched as text, and said.
    tmux.send("/")
    tmux.type("(request 5")
    tmux.send("Enter")
    (found, screen) = tmux.waitFor {
      $0.contains("not a regular expression: searching the text") && $0.contains("no hits")
    }
    #expect(found, "screen:\n\(screen)")
    let quitAt = Date()
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
    #expect(Date().timeIntervalSince(quitAt) < 3)
  }
}
