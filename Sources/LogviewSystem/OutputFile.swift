import Glibc

/// A file written from the start with plain POSIX calls: a saved view, a history file.
/// Closed by `close()`, which reports a failed final write (a full disk shows there on NFS).
/// Used by one thread at a time (a saved view is written on a thread of its own).
public final class OutputFile: @unchecked Sendable {
  public let path: String
  /// The path as the user typed it, for messages.
  public let shownPath: String
  private var descriptor: Int32

  /// Creates `path` (`mode` less the umask); an existing file is replaced only when
  /// `replace` is true, else the answer is `.exists` (O_EXCL: no window between the check
  /// and the create).
  public init(path: String, shownPath: String? = nil, replace: Bool, mode: mode_t = 0o644)
    throws(FileWriteError)
  {
    self.path = path
    self.shownPath = shownPath ?? path
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL)
    let fd = open(path, flags, mode)
    guard fd >= 0 else {
      let code = errno
      if code == EEXIST { throw .exists(path: self.shownPath) }
      throw .cannotCreate(path: self.shownPath, errno: code)
    }
    descriptor = fd
  }

  deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

  /// Writes all of `bytes`, retrying short writes and interruptions.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
    guard var base = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
      let count = Glibc.write(descriptor, base, left)
      if count < 0 {
        if errno == EINTR { continue }
        throw .writeFailed(path: shownPath, errno: errno)
      }
      base += count
      left -= count
    }
  }

  /// Writes all of `bytes`.
  public func write(_ bytes: [UInt8]) throws(FileWriteError) {
    // withUnsafeBytes rethrows untyped: the error comes out as a value.
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(FileWriteError) in try write(buffer) }
    }
    try result.get()
  }

  public func close() throws(FileWriteError) {
    guard descriptor >= 0 else { return }
    let fd = descriptor
    descriptor = -1
    if Glibc.close(fd) != 0, errno != EINTR { throw .writeFailed(path: shownPath, errno: errno) }
  }

  /// Replaces `path` with `bytes` all at once: written to a temporary file beside it, then
  /// renamed over it, so a reader (another logview starting) never sees half a file. Mode
  /// 0600 by default: a history may hold filters naming customers.
  public static func replaceAtomically(
    _ path: String, with bytes: [UInt8], shownPath: String? = nil, mode: mode_t = 0o600
  ) throws(FileWriteError) {
    let temporary = path + ".tmp-\(getpid())"
    let shownPath = shownPath ?? path
    do throws(FileWriteError) {
      let file = try OutputFile(path: temporary, shownPath: shownPath, replace: true, mode: mode)
      try file.write(bytes)
      try file.close()
    } catch {
      unlink(temporary)
      throw error
    }
    if rename(temporary, path) != 0 {
      let code = errno
      unlink(temporary)
      throw .writeFailed(path: shownPath, errno: code)
    }
  }
}
