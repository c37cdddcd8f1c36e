import Glibc

/// Returns memory of dropped records to the system while keeping the addresses valid: a
/// reader that still looks there finds zeros, never an unmapped page.
enum MemoryRelease {
  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Anonymous memory: the whole pages inside the block are discarded (zero-filled on the
  /// next read).
  static func discard(_ base: UnsafeMutableRawPointer, byteCount: Int) {
    guard let pages = wholePages(base, byteCount) else { return }
    _ = madvise(pages.start, pages.count, MADV_DONTNEED)
  }

  /// A shared mapping of the spill file: its blocks are freed too (hole punched).
  static func discardFileBacked(_ base: UnsafeMutableRawPointer, byteCount: Int) {
    guard let pages = wholePages(base, byteCount) else { return }
    if madvise(pages.start, pages.count, MADV_REMOVE) != 0 {
      _ = madvise(pages.start, pages.count, MADV_DONTNEED)
    }
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
