import Glibc

/// Reads a stream (stdin, a pipe, a FIFO) in large chunks; EINTR is retried.
public final class StreamReader: @unchecked Sendable {
  public let name: String
  let fd: Int32
  let ownsDescriptor: Bool

  public static func standardInput() -> StreamReader {
    StreamReader(name: "-", fd: STDIN_FILENO, ownsDescriptor: false)
  }

  public static func open(_ path: String) throws(SourceError) -> StreamReader {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    return StreamReader(name: path, fd: fd, ownsDescriptor: true)
  }

  init(name: String, fd: Int32, ownsDescriptor: Bool) {
    self.name = name
    self.fd = fd
    self.ownsDescriptor = ownsDescriptor
  }

  deinit { if ownsDescriptor { close(fd) } }

  /// Reads up to `buffer.count` bytes; 0 means end of stream.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int {
    while true {
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw .readFailed(path: name, errno: errno)
    }
  }

}
