import Glibc
import LogviewSystem

/// A stream read to its end into a private temporary file, then mapped: an archive (or a
/// pipe that must be merged by time) becomes a MappedFile whose bytes live in the page
/// cache, not in logview's memory, and can be indexed and merged like any file.
enum SpooledFile {
  /// The mapped copy, and the error that ended the stream early (what came before it is
  /// kept). Waits for a stream that is not ready (a FIFO without writer, a slow pipe); nil
  /// when `stop` is woken first.
  static func spool(_ reader: StreamReader, stop: WakePipe) throws(SourceError) -> (
    file: MappedFile, error: SourceError?
  )? {
    guard let fd = PrivateTemporaryFile.open() else {
      throw .cannotOpen(path: "a temporary file for \(reader.name)", errno: errno)
    }
    defer { close(fd) }
    let pending = LineBuffer()
    var failure: SourceError?
    reading: while true {
      if stop.wait(for: reader.fd, milliseconds: nil).woken { return nil }
      let outcome = reader.read(into: pending)
      if !writeAll(pending.bytes, to: fd) {
        throw .readFailed(path: "a temporary copy of \(reader.name)", errno: errno)
      }
      pending.reset()
      switch outcome {
      case .data, .wouldBlock: continue
      case .end: break reading
      case .failed(let error):
        failure = error
        break reading
      }
    }
    _ = lseek(fd, 0, SEEK_SET)
    guard let file = try MappedFile.map(fd, name: reader.name) else {
      throw .readFailed(path: reader.name, errno: EINVAL)
    }
    return (file, failure)
  }

  private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
    var written = 0
    while written < bytes.count {
      let w = write(fd, bytes.baseAddress! + written, bytes.count - written)
      if w < 0, errno == EINTR { continue }
      guard w > 0 else { return false }
      written += w
    }
    return true
  }
}
