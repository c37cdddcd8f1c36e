import Glibc
import LogviewSystem
import Synchronization

/// A regular file mapped read-only into memory: the kernel's page cache is the buffer, so a
/// large file costs no copies and no anonymous memory.
public final class MappedFile: @unchecked Sendable {
  public let path: String
  public let bytes: UnsafeRawBufferPointer
  /// The mapped file, still open, for a follower to continue from (see takeDescriptor).
  private let descriptor: Atomic<Int32>

  /// Opens `path`; returns nil (not an error) when it is not a regular file, e.g. a pipe,
  /// which must be read as a stream instead.
  public static func open(_ path: String) throws(SourceError) -> MappedFile? {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    defer { close(fd) }
    return try map(fd, name: path)
  }

  /// Maps an already open descriptor (e.g. stdin redirected from a file); nil when it is
  /// not a regular file.
  public static func map(_ fd: Int32, name path: String) throws(SourceError) -> MappedFile? {
    FaultGuard.install()
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .cannotOpen(path: path, errno: errno) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
    guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    // Map from the current offset to the end: `logview < file` after a partial read stays right.
    let start = max(0, Int(lseek(fd, 0, SEEK_CUR)))
    let size = max(0, Int(info.st_size) - start)
    // Probe readability so permission problems surface now, not as a crash on access.
    var probe: UInt8 = 0
    if size > 0, pread(fd, &probe, 1, off_t(start)) < 0 {
      throw .readFailed(path: path, errno: errno)
    }
    guard size > 0 else {
      return MappedFile(
        path: path, bytes: UnsafeRawBufferPointer(start: nil, count: 0),
        descriptor: fcntl(fd, F_DUPFD_CLOEXEC, 0))
    }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let alignedStart = start / page * page
    let length = size + (start - alignedStart)
    guard
      let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, off_t(alignedStart)),
      address != MAP_FAILED
    else { throw .readFailed(path: path, errno: errno) }
    _ = madvise(address, length, MADV_SEQUENTIAL)
    return MappedFile(
      path: path,
      bytes: UnsafeRawBufferPointer(start: address + (start - alignedStart), count: size),
      descriptor: fcntl(fd, F_DUPFD_CLOEXEC, 0), mapping: (address, length))
  }

  /// The open file that was mapped, handed over once (later calls get -1): following it by
  /// descriptor reads what was appended after the mapping even if the path was rotated
  /// meanwhile. The caller closes it.
  public func takeDescriptor() -> Int32 {
    descriptor.exchange(-1, ordering: .relaxed)
  }

  private let mapping: (address: UnsafeMutableRawPointer, length: Int)?

  init(
    path: String, bytes: UnsafeRawBufferPointer, descriptor: Int32 = -1,
    mapping: (UnsafeMutableRawPointer, Int)? = nil
  ) {
    self.path = path
    self.bytes = bytes
    self.mapping = mapping
    self.descriptor = Atomic(descriptor)
  }

  deinit {
    if let mapping { munmap(mapping.address, mapping.length) }
    let fd = descriptor.load(ordering: .relaxed)
    if fd >= 0 { close(fd) }
  }
}
