import Glibc
import LogviewCore

/// Why output stopped.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The reader went away (`logview ... | head`): not an error to report.
  case closed
  case failed(errno: Int32)

  public var description: String {
    switch self {
    case .closed: "the output was closed"
    case .failed(let code):
      "cannot write the output: \(String(cString: strerror(code)).lowercased())"
    }
  }
}

/// Buffered writes to a file descriptor. A closed pipe (`logview ... | head`) ends the run
/// quietly; any other write error (a full disk, /dev/full) ends it with that error.
final class OutputSink {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private let flushThreshold = 1 << 20

  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(flushThreshold + 4096)
  }

  func write(_ bytes: [UInt8]) throws(OutputError) {
    if buffer.isEmpty && bytes.count >= flushThreshold {
      if let error = bytes.withUnsafeBytes(writeAll) { throw error }
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= flushThreshold { try flush() }
  }

  func flush() throws(OutputError) {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    if let error = buffer.withUnsafeBytes(writeAll) { throw error }
  }

  /// The error that stopped the write, if any.
  private func writeAll(_ bytes: UnsafeRawBufferPointer) -> OutputError? {
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return errno == EPIPE ? .closed : .failed(errno: errno)
      }
      offset += n
    }
    return nil
  }
}
