import Glibc
import LogviewSystem

/// Where copied input goes once the memory cap is reached: a private temporary file, unlinked
/// as soon as it is created (so it disappears with the process, whatever the exit), grown in
/// chunks and mapped shared. Its pages belong to the page cache, which the kernel writes out
/// and reclaims under pressure, instead of to logview's anonymous memory.
final class SpillFile {
  private let fd: Int32
  private var size = 0
  private var mappings: [UnsafeMutableRawPointer: Int] = [:]

  /// Why the last attempt to create or grow the file failed.
  private(set) var failure: String?

  private let directory: String

  /// Nil when no temporary file can be created in `directory`; `reason` then says why.
  init?(directory: String, reason: inout String?) {
    self.directory = directory
    guard let fd = PrivateTemporaryFile.open(in: directory) else {
      reason = Self.describe(errno, in: directory)
      return nil
    }
    self.fd = fd
  }

  deinit {
    for (address, length) in mappings { munmap(address, length) }
    close(fd)
  }

  /// A new writable chunk of `capacity` bytes at the end of the file; nil when the file
  /// cannot grow (disk full) or be mapped, with the reason in `failure`. The blocks are
  /// allocated now: a sparse file on a full disk would raise SIGBUS on a later write.
  func chunk(capacity: Int) -> UnsafeMutableRawPointer? {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let length = (capacity + page - 1) / page * page
    let error = posix_fallocate(fd, off_t(size), off_t(length))
    guard error == 0 else {
      failure = Self.describe(error, in: directory)
      return nil
    }
    guard let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(size)),
      address != MAP_FAILED
    else {
      failure = Self.describe(errno, in: directory)
      return nil
    }
    size += length
    mappings[address] = length
    return address
  }

  /// Gives a chunk's blocks back to the file system (the bytes read as zeros from now on)
  /// and returns its mapping, for the caller to unmap once no reader can be using it.
  func punch(_ address: UnsafeMutableRawPointer) -> (UnsafeMutableRawPointer, Int)? {
    guard let length = mappings.removeValue(forKey: address) else { return nil }
    MemoryRelease.discardFileBacked(address, byteCount: length)
    return (address, length)
  }

  /// Bytes placed in the file so far.
  var byteCount: Int { size }

  /// "DIRECTORY: reason", as the status line shows it.
  private static func describe(_ code: Int32, in directory: String) -> String {
    "\(directory): " + String(cString: strerror(code)).lowercased()
  }
}
