import Foundation
import Glibc

/// Finding a process the tests started indirectly (inside tmux) and reading its numbers.
public enum ProcessLookup {
  /// The first process whose command line matches `pattern` (pgrep -f).
  public static func pid(matching pattern: String) -> pid_t? {
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
    process.arguments = ["-f", pattern]
    process.standardOutput = output
    try? process.run()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return text.split(separator: "\n").first.flatMap { pid_t($0) }
  }

  /// A "Name:   N kB" line of /proc/PID/status, in bytes.
  public static func statusField(_ name: String, pid: pid_t) -> Int? {
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
