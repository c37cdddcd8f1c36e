import Glibc

/// Returns memory to the system while keeping the addresses valid: a reader that still
/// looks there finds zeros (anonymous memory) or the file's bytes again (a private file
/// mapping), never an unmapped page.
public enum MemoryRelease {
  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Anonymous memory or a file mapping: the whole pages inside the block leave the
  /// process's resident memory (zero-filled, or read from the file again, on the next read;
  /// a shared mapping's written pages stay in the file).
  public static func discard(_ base: UnsafeMutableRawPointer, byteCount: Int) {
    guard let pages = wholePages(base, byteCount) else { return }
    _ = madvise(pages.start, pages.count, MADV_DONTNEED)
  }

  /// Whole pages of fresh anonymous memory (zeros), straight from the kernel: blocks of
  /// megabytes that malloc would keep after they are freed (and whose freeing raises its
  /// threshold, so later blocks come from heaps it never trims).
  public static func allocatePages(_ byteCount: Int) -> UnsafeMutableRawPointer {
    let length = (max(1, byteCount) + pageSize - 1) / pageSize * pageSize
    guard
      let memory = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      memory != MAP_FAILED
    else { fatalError("out of address space (\(length) bytes)") }
    return memory
  }

  /// Gives back a block from `allocatePages`.
  public static func freePages(_ memory: UnsafeMutableRawPointer, byteCount: Int) {
    let length = (max(1, byteCount) + pageSize - 1) / pageSize * pageSize
    munmap(memory, length)
  }

  /// A shared mapping of the spill file: its blocks are freed too (hole punched).
  public static func discardFileBacked(_ base: UnsafeMutableRawPointer, byteCount: Int) {
    guard let pages = wholePages(base, byteCount) else { return }
    if madvise(pages.start, pages.count, MADV_REMOVE) != 0 {
      _ = madvise(pages.start, pages.count, MADV_DONTNEED)
    }
  }

  /// Read-only bytes of a private file mapping that will not be read again soon: their
  /// page-table entries go now, on this thread, instead of all at once when unmapped.
  public static func discardMapped(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    discard(UnsafeMutableRawPointer(mutating: base), byteCount: bytes.count)
  }

  private static func wholePages(_ base: UnsafeMutableRawPointer, _ byteCount: Int) -> (
    start: UnsafeMutableRawPointer, count: Int
  )? {
    let address = Int(bitPattern: base)
    let start = (address + pageSize - 1) / pageSize * pageSize
    let end = (address + byteCount) / pageSize * pageSize
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return nil }
    return (pointer, end - start)
  }
}
