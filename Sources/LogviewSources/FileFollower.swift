import Glibc

/// Tails one file by path, like `tail -F`: new bytes after `offset`; starts over when the file
/// is truncated (copy-truncate) or replaced by a new file (rename-and-create rotation); waits
/// quietly while the path does not exist.
final class FileFollower: @unchecked Sendable {
  let path: String
  private var fd: Int32 = -1
  private var inode: UInt64 = 0
  private var device: UInt64 = 0
  private(set) var offset: Int64
  /// The last bytes read (before `offset`): if the file no longer holds them there, it was
  /// truncated and rewritten to at least the same size between two looks.
  private var lastBytes: [UInt8] = []
  static let witnessLength = 64

  /// Starts following the open file `descriptor` (taken over, closed by the follower) after
  /// `offset` bytes, then by `path` once the path names another file. Following the file
  /// that was read, not the path, keeps lines written to it before a rotation.
  init(path: String, descriptor: Int32, offset: Int64) {
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
  convenience init(awaiting path: String) {
    self.init(path: path, descriptor: -1, offset: 0)
  }

  deinit { if fd >= 0 { close(fd) } }

  /// False while the followed path does not exist.
  var isOpen: Bool { fd >= 0 }

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

  /// The file was truncated (copy-truncate), also when it was rewritten to at least its old
  /// size between two looks: reading starts over from its start. True when that happened.
  func checkTruncation() -> Bool {
    guard fd >= 0 else { return false }
    var info = stat()
    guard fstat(fd, &info) == 0, Int64(info.st_size) < offset || rewritten() else { return false }
    offset = 0
    lastBytes = []
    return true
  }

  /// The path names another file now (rename or delete-and-create rotation), or a file that
  /// was awaited appeared: follows that one from its start. Call once the old file was read
  /// to its end, so lines written to it just before the rotation are kept. True on a switch.
  func switchIfReplaced() -> Bool {
    var pathInfo = stat()
    guard stat(path, &pathInfo) == 0,
      fd < 0 || UInt64(pathInfo.st_ino) != inode || UInt64(pathInfo.st_dev) != device
    else { return false }
    reopen()
    return fd >= 0
  }

  /// Reads what was appended since the last read into `buffer` (at most about `limit`
  /// bytes); returns how many bytes came.
  func read(into buffer: LineBuffer, limit: Int) -> Int {
    guard fd >= 0 else { return 0 }
    var total = 0
    while total < limit {
      guard case .success(let n?) = buffer.read(from: fd, at: offset), n > 0 else { break }
      offset += Int64(n)
      total += n
    }
    if total > 0 {
      let fresh = UnsafeRawBufferPointer(
        rebasing: buffer.bytes[(buffer.count - min(total, Self.witnessLength))...])
      lastBytes = Array((lastBytes + fresh).suffix(Self.witnessLength))
    }
    return total
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
}
