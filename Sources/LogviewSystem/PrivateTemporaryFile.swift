import Glibc

/// A temporary file in $TMPDIR (or /tmp) that no other process can find: unlinked as soon
/// as it is created, so it disappears with the process whatever way it exits.
public enum PrivateTemporaryFile {
  /// Where the files go: $TMPDIR, or /tmp.
  public static var directory: String { getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp" }

  /// An open read-write descriptor (close-on-exec) in `directory`; nil when none can be
  /// created (errno set).
  public static func open(in directory: String = PrivateTemporaryFile.directory) -> Int32? {
    var template = Array("\(directory)/logview-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return nil }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    return fd
  }
}
