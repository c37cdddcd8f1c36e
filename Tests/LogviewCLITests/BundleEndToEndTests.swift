import Foundation
import LogviewTestSupport
import Testing

/// `b` in the request view through the real binary in tmux: the prompt, the files, the bar.
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct BundleEndToEndTests {
  @Test func bWritesTheShownRequestsBundle() throws {
    let state = TempDirectory()
    let path = state.file("incident.md")
    let files = GoldenTests.incident.map(RepoRoot.fixture).joined(separator: " ")
    let tmux = try TmuxHarness(
      "env LOGVIEW_NOW=2024-03-15T12:00:00Z XDG_CONFIG_HOME=/nonexistent "
        + "XDG_STATE_HOME=\(state.path) \(BinaryHarness.executable.path) "
        + "-q rid=req_7f42a9c1 \(files); echo EXIT=$?; sleep 30")
    #expect(tmux.waitFor { $0.contains("filter: rid=req_7f42a9c1") && $0.contains("ERROR") }.0)
    tmux.send("c")
    #expect(tmux.waitFor { $0.contains("request req_7f42a9c1 · 6 records") }.0)
    tmux.send("b")
    #expect(tmux.waitFor { $0.contains("write bundle to: ./incident-req_7f42a9c1.md") }.0)
    tmux.send("C-u")
    tmux.type(path)
    tmux.send("Enter")
    let (written, screen) = tmux.waitFor { $0.contains("bundle written: \(path) (6 records") }
    #expect(written, "screen:\n\(screen)")
    let markdown = try String(contentsOfFile: path, encoding: .utf8)
    #expect(markdown.hasPrefix("# Incident bundle: request `req_7f42a9c1`\n"))
    #expect(markdown.contains("- Services: checkout-api, inventory, payment-service"))
    let ndjson = try String(contentsOfFile: state.file("incident.ndjson"), encoding: .utf8)
    #expect(ndjson.split(separator: "\n").count == 6)
    // Still in the request view.
    #expect(tmux.screen().contains("request req_7f42a9c1 · 6 records"))
    tmux.send("q")
    #expect(tmux.waitFor { $0.contains("EXIT=0") }.0)
  }
}
