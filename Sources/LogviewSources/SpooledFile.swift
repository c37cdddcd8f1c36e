import Glibc
import LogviewStore
import LogviewSystem

/// A stream read to its end into a private temporary file, then mapped: a compressed file
/// (or a pipe that must be merged by time) becomes a MappedFile whose bytes live in the page
/// cache, not in logview's memory, and can be indexed and merged like any file.
public enum SpooledFile {
  /// The mapped copy, and the error that ended reading early (what came before it is kept).
  public static func spool(_ stream: ByteStream, name: String) throws(SourceError) -> (
    file: MappedFile, error: SourceError?
  ) {
    guard let fd = PrivateTemporaryFile.open() else {
      throw .cannotOpen(path: "a temporary file for \(name)", errno: errno)
    }
    defer { close(fd) }
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { chunk.deallocate() }
    var failure: SourceError?
    while true {
      let n: Int
      do {
        n = try stream.read(into: chunk)
      } catch {
        failure = error
        break
      }
      if n == 0 { break }
      var written = 0
      while written < n {
        let w = write(fd, chunk.baseAddress! + written, n - written)
        if w < 0, errno == EINTR { continue }
        guard w > 0 else { throw .readFailed(path: "a temporary copy of \(name)", errno: errno) }
        written += w
      }
    }
    _ = lseek(fd, 0, SEEK_SET)
    guard let file = try MappedFile.map(fd, name: name) else {
      throw .readFailed(path: name, errno: EINVAL)
    }
    return (file, failure)
  }
}
