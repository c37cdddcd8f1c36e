import Glibc

/// Timing events of the explorer for the benchmark (LOGVIEW_TRACE=FILE): one line per event,
/// milliseconds since logview started, then the event. Measured inside the process, so a
/// benchmark sees the explorer's own latency without terminal or tmux polling in it.
public final class TraceLog {
  private let fd: Int32
  private let start: Int64

  public init?(path: String?, start: Int64) {
    guard let path, !path.isEmpty else { return nil }
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return nil }
    self.fd = fd
    self.start = start
  }

  deinit { close(fd) }

  /// Writes "<ms since start> <event>"; `since` measures from another moment instead.
  public func event(_ text: String, since: Int64? = nil) {
    let tenths = (SystemClock.wallNanos() - (since ?? start)) / 100_000
    let line = Array("\(tenths / 10).\(tenths % 10) ms \(text)\n".utf8)
    _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  }

  /// The process's memory now: anonymous and peak resident set, from /proc/self/status.
  public static func memory() -> String {
    guard let file = fopen("/proc/self/status", "r") else { return "memory unknown" }
    defer { fclose(file) }
    var fields: [String] = []
    var buffer = [CChar](repeating: 0, count: 256)
    while fgets(&buffer, Int32(buffer.count), file) != nil {
      let line = String(
        decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      for key in ["VmHWM", "RssAnon", "RssFile"] where line.hasPrefix(key + ":") {
        let value = line.dropFirst(key.count + 1).split(whereSeparator: {
          $0 == " " || $0 == "\t" || $0 == "\n"
        })
        fields.append(key + " " + value.joined(separator: " "))
      }
    }
    return fields.joined(separator: ", ")
  }
}
