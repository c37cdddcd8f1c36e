import Glibc

/// Whole small files (configuration, zone data) read with plain POSIX calls.
public enum FileContents {
  /// A regular file's bytes; nil when it is missing, unreadable, not a regular file or larger
  /// than `limit`. O_NONBLOCK keeps a FIFO from blocking the open.
  public static func read(_ path: String, limit: Int = 16 << 20) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size >= 0,
      info.st_size <= limit
    else { return nil }
    // One byte more than the size, to notice a file that grew past the limit.
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    var total = 0
    while total < bytes.count {
      let count = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return -1 }
        return Glibc.read(fd, base + total, buffer.count - total)
      }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { return nil }
      if count == 0 { break }
      total += count
    }
    guard total <= limit else { return nil }
    return Array(bytes[0..<total])
  }
}
