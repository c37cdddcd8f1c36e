import Foundation
import LogviewTestSupport
import Testing

/// `yes | logview --max-memory 64M`: the explorer's own memory stays within the budget
/// while input pours in, and the status line says the oldest records went. (It reached
/// 6.6 GB in 60 s: only copied input was capped, not the index.)
@Suite(.serialized, .enabled(if: TmuxHarness.available))
struct MemoryBudgetEndToEndTests {
  @Test func floodStaysWithinTheBudget() throws {
    let binary = BinaryHarness.executable.path
    let marker = "--max-memory=64M"
    let tmux = try TmuxHarness(
      "yes '{\"level\":\"info\",\"msg\":\"x\"}' | env XDG_CONFIG_HOME=/nonexistent \(binary) \(marker)",
      width: 160, height: 20)
    let (dropped, screen) = tmux.waitFor(seconds: 60) {
      $0.contains("dropped by --max-memory 64 MiB")
    }
    #expect(dropped, "screen:\n\(screen)")
    let pid = try #require(ProcessLookup.pid(matching: "^\(binary) \(marker)"))
    var peakAnonymous = 0
    for _ in 0..<10 {
      Thread.sleep(forTimeInterval: 0.5)
      peakAnonymous = max(peakAnonymous, ProcessLookup.statusField("RssAnon", pid: pid) ?? 0)
    }
    // Anonymous memory: the index, copied input, heap. Code pages (larger in a debug
    // build) are file-backed and not counted here.
    #expect(peakAnonymous > 0)
    #expect(peakAnonymous <= (64 << 20) * 11 / 10, "\(peakAnonymous >> 20) MB anonymous")
  }
}
