import Foundation
import LogviewTestSupport
import Testing

/// Secrets and personal data in the explorer through the real binary in tmux: the gutter's
/// flags, the status line's counts, `has:secret` in the filter bar and `--redact` on the rows.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerSecretsEndToEndTests {
  static var binary: String { BinaryHarness.executable.path }
  static let fixture = RepoRoot.fixture("secrets/app.log")

  @Test func flagsCountsFilterAndRedaction() throws {
    let tmux = try TmuxHarness(
      "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent \(Self.binary) "
        + "--redact \(Self.fixture); echo EXIT=$?; sleep 30", width: 160)
    let (counted, screen) = tmux.waitFor {
      $0.contains("10 with secrets · 7 with PII") && !$0.contains("PII…")
    }
    #expect(counted, "screen:\n\(screen)")
    let rows = screen.split(separator: "\n")
    // Line 2 (a password) is flagged `!`, line 3 (an email) `•`, line 1 nothing.
    #expect(rows.contains { $0.hasPrefix(" !") && $0.contains("login attempt") }, "\(screen)")
    #expect(rows.contains { $0.hasPrefix(" •") && $0.contains("login ok for [REDACTED:email]") })
    #expect(rows.contains { $0.hasPrefix("  ") && $0.contains("POST /v1/login ") })
    #expect(!screen.contains("hunter2") && !screen.contains("jane.doe@example.com"))
    tmux.send("f")
    tmux.type("has:secret")
    tmux.send("Enter")
    let (filtered, after) = tmux.waitFor {
      $0.contains("filter: has:secret") && $0.contains("10 match")
    }
    #expect(filtered, "screen:\n\(after)")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }
}
