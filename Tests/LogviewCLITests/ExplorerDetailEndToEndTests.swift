import Foundation
import LogviewTestSupport
import Testing

/// Issue 12 tool 12 in a real terminal: the detail pane's cursor and a pivot from a field.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct ExplorerDetailEndToEndTests {
  /// Enter opens the details, Tab gives them a cursor, j moves it to `event`, `=` adds
  /// `event=payment.authorize` to the filter: the bar says so and the rows narrow to it.
  @Test func equalsOnAFieldFiltersTheStream() throws {
    let file = RepoRoot.fixture("incident/payment-service.log")
    let tmux = try TmuxHarness(
      "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent "
        + "\(BinaryHarness.executable.path) \(file); echo EXIT=$?; sleep 30")
    #expect(tmux.waitFor { $0.contains("623 records") }.0)
    tmux.send("Enter")
    #expect(tmux.waitFor { $0.contains("time: 1710497986689  → 2024-03-15 10:19:46.689") }.0)
    tmux.send("Tab")
    #expect(tmux.waitFor { $0.contains("j/k field") }.0)
    for _ in 0..<7 { tmux.send("j") }
    tmux.send("=")
    let (filtered, screen) = tmux.waitFor { text in
      guard text.contains("filter: event=payment.authorize") else { return false }
      // The stream's rows above the pane: every record row is an authorization now.
      let rows = text.split(separator: "\n").dropFirst().prefix(20)
      let records = rows.filter {
        $0.contains(" INFO ") || $0.contains(" WARN ") || $0.contains(" ERROR ")
          || $0.contains(" DEBUG ")
      }
      return !records.isEmpty
        && records.allSatisfy {
          $0.contains("payment authorized") || $0.contains("payment.authorize")
        }
    }
    #expect(filtered, "screen:\n\(screen)")
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }
}
