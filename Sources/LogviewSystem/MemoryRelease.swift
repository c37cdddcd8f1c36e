import Glibc

/// Returns memory to the system while keeping the addresses valid: a reader that still
/// looks there finds zeros (anonymous memory) or the file's bytes again (a private file
/// mapping), never an unmapped page.
public enum MemoryRelease {
  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Anonymous memory or a private file mapping: the whole pages inside the block are
  /// discarded (zero-filled, or read from the file again, on the next read).
  public static func discard(_ base: UnsafeMutableRawPointer, byteCount: Int) {
    guard let pages = wholePages(base, byteCount) else { return }
    _ = madvise(pages.start, pages.count, MADV_DONTNEED)
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
