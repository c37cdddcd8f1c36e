import Glibc

/// A self-pipe: threads and signal handlers write one byte to wake a thread sleeping in
/// poll() on the read end. As a stop flag it is written once and never drained, so every
/// later wait sees it at once.
public final class WakePipe: @unchecked Sendable {
  /// The byte `wake()` writes; SignalBridge writes signal numbers (always > 0) instead.
  public static let wakeByte: UInt8 = 0

  // Immutable after init, so sharing across threads is safe (hence @unchecked Sendable).
  private let readFD: Int32
  private let writeFD: Int32

  public init() {
    var fds: [Int32] = [-1, -1]
    if fds.withUnsafeMutableBufferPointer({ pipe($0.baseAddress!) }) == 0 {
      for fd in fds {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      }
    } else {
      // Out of descriptors: a pipe that never wakes is better than a crash; poll() ignores -1.
      fds = [-1, -1]
    }
    readFD = fds[0]
    writeFD = fds[1]
  }

  deinit {
    if readFD >= 0 { _ = close(readFD) }
    if writeFD >= 0 { _ = close(writeFD) }
  }

  public var readDescriptor: Int32 { readFD }
  /// The write end, for SignalBridge's handlers.
  var writeDescriptor: Int32 { writeFD }

  /// Async-signal-safe and thread-safe; never blocks (a full pipe already means "wake up").
  public func wake() {
    Self.writeByte(WakePipe.wakeByte, to: writeFD)
  }

  /// Empties the pipe; returns the bytes read (signal numbers written by SignalBridge).
  public func drain() -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 512)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
      if count > 0 {
        result.append(contentsOf: chunk[0..<count])
        continue
      }
      if count < 0 && errno == EINTR { continue }
      return result  // 0: no writer left; -1 EAGAIN: empty
    }
  }

  /// Waits up to `milliseconds` (nil: forever) for a wake-up or for `input` to be readable
  /// (or hung up). Returns (woken, input ready); nothing is drained.
  public func wait(for input: Int32 = -1, milliseconds: Int?) -> (woken: Bool, ready: Bool) {
    let ready = Poller.wait([readFD, input], timeoutMilliseconds: milliseconds)
    return (ready[0], ready[1])
  }

  /// One byte, retrying only on EINTR; EAGAIN (full pipe) is success. Allocation-free so a
  /// signal handler can call it.
  static func writeByte(_ byte: UInt8, to fd: Int32) {
    guard fd >= 0 else { return }
    var value = byte
    while write(fd, &value, 1) < 0 && errno == EINTR {}
  }
}
