#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A regular file mapped read-only into memory: the kernel's page cache is the buffer, so a
/// large file costs no copies and no anonymous memory.
public final class MappedFile: @unchecked Sendable {
  public let path: String
  public let bytes: UnsafeRawBufferPointer
  /// Identity of the file that was mapped, for follow mode to notice rotation.
  public let device: UInt64
  public let inode: UInt64

  /// Opens `path`; returns nil (not an error) when it is not a regular file, e.g. a pipe,
  /// which must be read as a stream instead.
  public static func open(_ path: String) throws(SourceError) -> MappedFile? {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .cannotOpen(path: path, errno: errno) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
    guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(info.st_size)
    // Probe readability so permission problems surface now, not as a crash on access.
    var probe: UInt8 = 0
    if size > 0, pread(fd, &probe, 1, 0) < 0 { throw .readFailed(path: path, errno: errno) }
    guard size > 0 else {
      return MappedFile(
        path: path, bytes: UnsafeRawBufferPointer(start: nil, count: 0),
        device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED
    else { throw .readFailed(path: path, errno: errno) }
    _ = madvise(address, size, MADV_SEQUENTIAL)
    return MappedFile(
      path: path, bytes: UnsafeRawBufferPointer(start: address, count: size),
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
  }

  init(path: String, bytes: UnsafeRawBufferPointer, device: UInt64, inode: UInt64) {
    self.path = path
    self.bytes = bytes
    self.device = device
    self.inode = inode
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
  }
}
