#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A self-pipe a reader thread polls beside its input, so `stop()` wakes a thread blocked
/// waiting for data without signals or timeouts.
final class StopSignal: @unchecked Sendable {
  private var fds: [Int32] = [-1, -1]

  init() {
    let ok = fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) } == 0
    if ok {
      for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
    } else {
      fds = [-1, -1]
    }
  }

  deinit { for fd in fds where fd >= 0 { close(fd) } }

  func signal() {
    var byte: UInt8 = 1
    _ = write(fds[1], &byte, 1)
  }

  /// Waits up to `milliseconds` (-1: forever) for the stop signal or for `input` to be
  /// readable (or hung up). Returns (stop requested, input ready).
  func wait(for input: Int32 = -1, milliseconds: Int32) -> (stop: Bool, ready: Bool) {
    var entries = [
      pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0),
      pollfd(fd: input, events: Int16(POLLIN), revents: 0),
    ]
    let n = entries.withUnsafeMutableBufferPointer {
      poll($0.baseAddress, nfds_t(input >= 0 ? 2 : 1), milliseconds)
    }
    guard n > 0 else { return (false, false) }
    let stop = entries[0].revents != 0
    let ready = input >= 0 && entries[1].revents != 0
    return (stop, ready)
  }
}
