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
    let spool = try SpoolWriter(name: reader.name)
    let pending = LineBuffer()
    var failure: SourceError?
    reading: while true {
      if stop.wait(for: reader.fd, milliseconds: nil).woken { return nil }
      let outcome = reader.read(into: pending)
      try spool.write(pending.bytes)
      pending.reset()
      switch outcome {
      case .data, .wouldBlock: continue
      case .end: break reading
      case .failed(let error):
        failure = error
        break reading
      }
    }
    return (try spool.finish(), failure)
  }
}

/// Bytes written to a private temporary file, then mapped whole: how a source that produces
/// its records (a stream, a log store) joins a start merged by time.
public final class SpoolWriter {
  private let fd: Int32
  private let name: String

  public init(name: String) throws(SourceError) {
    guard let fd = PrivateTemporaryFile.open() else {
      throw .cannotOpen(path: "a temporary file for \(name)", errno: errno)
    }
    self.fd = fd
    self.name = name
  }

  deinit { close(fd) }

  public func write(_ bytes: UnsafeRawBufferPointer) throws(SourceError) {
    var written = 0
    while written < bytes.count {
      let w = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
      if w < 0, errno == EINTR { continue }
      guard w > 0 else { throw .readFailed(path: "a temporary copy of \(name)", errno: errno) }
      written += w
    }
  }

  /// Everything written, mapped.
  public func finish() throws(SourceError) -> MappedFile {
    _ = lseek(fd, 0, SEEK_SET)
    guard let file = try MappedFile.map(fd, name: name) else {
      throw .readFailed(path: name, errno: EINVAL)
    }
    return file
  }
}
