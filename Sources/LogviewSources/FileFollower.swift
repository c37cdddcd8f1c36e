import Glibc

/// Tails one file by path, like `tail -F`: new bytes after `offset`; starts over when the file
/// is truncated (copy-truncate) or replaced by a new file (rename-and-create rotation); waits
/// quietly while the path does not exist.
public final class FileFollower: @unchecked Sendable {
  public let path: String
  private var fd: Int32 = -1
  private var inode: UInt64 = 0
  private var device: UInt64 = 0
  public private(set) var offset: Int64
  /// The last bytes read (before `offset`): if the file no longer holds them there, it was
  /// truncated and rewritten to at least the same size between two looks.
  private var lastBytes: [UInt8] = []
  static let witnessLength = 64

  /// Starts following the open file `descriptor` (taken over, closed by the follower) after
  /// `offset` bytes, then by `path` once the path names another file. Following the file
  /// that was read, not the path, keeps lines written to it before a rotation.
  public init(path: String, descriptor: Int32, offset: Int64) {
    self.path = path
    self.offset = offset
    var info = stat()
    if descriptor >= 0, fstat(descriptor, &info) == 0 {
      fd = descriptor
      inode = UInt64(info.st_ino)
      device = UInt64(info.st_dev)
      loadWitness()
    } else {
      if descriptor >= 0 { close(descriptor) }
      self.offset = 0
      reopen()
    }
  }

  /// Follows `path` from its start, once it exists (-f on a file still to be created).
  public convenience init(awaiting path: String) {
    self.init(path: path, descriptor: -1, offset: 0)
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Switches to the file the path names now, from its start.
  private func reopen() {
    if fd >= 0 { close(fd) }
    offset = 0
    lastBytes = []
    fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return }
    inode = UInt64(info.st_ino)
    device = UInt64(info.st_dev)
  }

  /// The bytes just before `offset` (where logview's own read ended): the witness for a
  /// later rewrite.
  private func loadWitness() {
    guard offset > 0 else { return }
    let length = Int(min(offset, Int64(Self.witnessLength)))
    var witness = [UInt8](repeating: 0, count: length)
    let n = witness.withUnsafeMutableBytes {
      pread(fd, $0.baseAddress, length, off_t(offset) - off_t(length))
    }
    lastBytes = n == length ? witness : []
  }

  /// Reads whatever was appended since the last call (possibly nothing). `rotated` is true when
  /// the bytes come from a new or truncated file, so a pending partial line must be dropped.
  public func readNew(limit: Int = 8 << 20) -> (bytes: [UInt8], rotated: Bool) {
    var rotated = false
    var pathInfo = stat()
    if stat(path, &pathInfo) == 0 {
      if fd < 0 || UInt64(pathInfo.st_ino) != inode || UInt64(pathInfo.st_dev) != device {
        // Drain the old file first, then switch: lines written just before rotation survive.
        let tail = fd >= 0 ? drain(limit: limit) : []
        if !tail.isEmpty { return (tail, false) }
        reopen()
        rotated = true
      }
    }
    guard fd >= 0 else { return ([], false) }
    var info = stat()
    if fstat(fd, &info) == 0, Int64(info.st_size) < offset || rewritten() {
      offset = 0
      lastBytes = []
      rotated = true
    }
    return (drain(limit: limit), rotated)
  }

  /// True when the bytes just before `offset` changed (copy-truncate followed by new writes
  /// that already reach the old size).
  private func rewritten() -> Bool {
    guard !lastBytes.isEmpty, offset >= Int64(lastBytes.count) else { return false }
    var now = [UInt8](repeating: 0, count: lastBytes.count)
    let n = now.withUnsafeMutableBytes {
      pread(fd, $0.baseAddress, $0.count, off_t(offset) - off_t(lastBytes.count))
    }
    return n == lastBytes.count && now != lastBytes
  }

  private func drain(limit: Int) -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while out.count < limit {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { break }
      out.append(contentsOf: buffer[0..<n])
      offset += Int64(n)
    }
    if !out.isEmpty {
      lastBytes = Array((lastBytes + out.suffix(Self.witnessLength)).suffix(Self.witnessLength))
    }
    return out
  }
}
