import Glibc

/// Buffered writes to a file descriptor. A closed pipe (`logview ... | head`) ends the run
/// quietly instead of killing it with SIGPIPE.
final class OutputSink {
  struct Closed: Error {}

  private let fd: Int32
  private var buffer: [UInt8] = []
  private let flushThreshold = 1 << 20

  init(fd: Int32 = STDOUT_FILENO) {
    self.fd = fd
    buffer.reserveCapacity(flushThreshold + 4096)
  }

  func write(_ bytes: [UInt8]) throws(Closed) {
    if buffer.isEmpty && bytes.count >= flushThreshold {
      try writeAll(bytes)
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= flushThreshold { try flush() }
  }

  func flush() throws(Closed) {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    try writeAll(buffer)
  }

  private func writeAll(_ bytes: [UInt8]) throws(Closed) {
    var failed = false
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failed = true
          return
        }
        offset += n
      }
    }
    if failed { throw Closed() }
  }
}
