import Glibc

/// inotify on a followed file and its directory: appends, truncation, rotation and
/// re-creation wake the reader at once, and an idle file costs no wake-ups. Where inotify is
/// unavailable the reader falls back to polling.
final class FileWatch {
  /// Readable when something changed; -1 when inotify is not available.
  private(set) var fd: Int32 = -1
  private let path: String
  private var fileWatch: Int32 = -1

  init(path: String) {
    self.path = path
    fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { return }
    let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    _ = inotify_add_watch(
      fd, directory.isEmpty ? "/" : directory, UInt32(IN_CREATE | IN_MOVED_TO | IN_DELETE))
    watchFile()
  }

  deinit { if fd >= 0 { close(fd) } }

  /// (Re)watches the file at `path`, e.g. after rotation put a new file there.
  func watchFile() {
    guard fd >= 0 else { return }
    if fileWatch >= 0 { _ = inotify_rm_watch(fd, fileWatch) }
    fileWatch = inotify_add_watch(
      fd, path,
      UInt32(IN_MODIFY | IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF | IN_CLOSE_WRITE))
  }

  /// Discards pending events (the reader re-reads the file whatever they were).
  func drain() {
    guard fd >= 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
  }
}
