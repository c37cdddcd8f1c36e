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
    let pid = try #require(Self.pid(matching: "^\(binary) \(marker)"))
    var peakAnonymous = 0
    for _ in 0..<10 {
      Thread.sleep(forTimeInterval: 0.5)
      peakAnonymous = max(peakAnonymous, Self.statusField("RssAnon", pid: pid) ?? 0)
    }
    // Anonymous memory: the index, copied input, heap. Code pages (larger in a debug
    // build) are file-backed and not counted here.
    #expect(peakAnonymous > 0)
    #expect(peakAnonymous <= (64 << 20) * 11 / 10, "\(peakAnonymous >> 20) MB anonymous")
  }

  static func pid(matching pattern: String) -> Int? {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
    process.arguments = ["-f", pattern]
    process.standardOutput = pipe
    try? process.run()
    process.waitUntilExit()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return text.split(separator: "\n").first.flatMap { Int($0) }
  }

  /// A "Name:   N kB" line of /proc/PID/status, in bytes.
  static func statusField(_ name: String, pid: Int) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
      return nil
    }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.split(separator: " ").first { Int($0) != nil }
      return digits.flatMap { Int($0) }.map { $0 * 1024 }
    }
    return nil
  }
}
