import Glibc

/// A temporary file in $TMPDIR (or /tmp) that no other process can find: unlinked as soon
/// as it is created, so it disappears with the process whatever way it exits.
public enum PrivateTemporaryFile {
  /// An open read-write descriptor (close-on-exec); nil when none can be created (errno set).
  public static func open() -> Int32? {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array("\(directory)/logview-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return nil }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    return fd
  }
}
