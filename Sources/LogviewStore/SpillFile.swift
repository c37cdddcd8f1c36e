import Glibc
import LogviewSystem

/// Where copied input goes once the memory cap is reached: a private temporary file, unlinked
/// as soon as it is created (so it disappears with the process, whatever the exit), grown in
/// chunks and mapped shared. Its pages belong to the page cache, which the kernel writes out
/// and reclaims under pressure, instead of to logview's anonymous memory.
final class SpillFile {
  private let fd: Int32
  private var size = 0
  private var mappings: [(UnsafeMutableRawPointer, Int)] = []

  init?() {
    guard let fd = PrivateTemporaryFile.open() else { return nil }
    self.fd = fd
  }

  deinit {
    for (address, length) in mappings { munmap(address, length) }
    close(fd)
  }

  /// A new writable chunk of `capacity` bytes at the end of the file; nil when the file
  /// cannot grow (disk full) or be mapped.
  func chunk(capacity: Int) -> UnsafeMutableRawPointer? {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let length = (capacity + page - 1) / page * page
    guard ftruncate(fd, off_t(size + length)) == 0 else { return nil }
    guard let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(size)),
      address != MAP_FAILED
    else { return nil }
    size += length
    mappings.append((address, length))
    return address
  }

  /// Bytes placed in the file so far.
  var byteCount: Int { size }
}
