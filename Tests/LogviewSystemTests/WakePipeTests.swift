import Glibc
import Testing

@testable import LogviewSystem

struct WakePipeTests {
  @Test func wakeThenDrain() {
    let pipe = WakePipe()
    #expect(pipe.readDescriptor >= 0)
    #expect(pipe.drain() == [])
    pipe.wake()
    pipe.wake()
    #expect(pipe.drain() == [WakePipe.wakeByte, WakePipe.wakeByte])
    #expect(pipe.drain() == [])
  }

  @Test(arguments: [0, 1])
  func bothEndsNonBlockingAndCloseOnExec(end: Int) {
    let pipe = WakePipe()
    let descriptor = end == 0 ? pipe.readDescriptor : pipe.writeDescriptor
    #expect(fcntl(descriptor, F_GETFL) & O_NONBLOCK != 0)
    #expect(fcntl(descriptor, F_GETFD) & FD_CLOEXEC != 0)
  }

  /// A full pipe must not block the writer (a reader thread or a signal handler).
  @Test func wakeNeverBlocksWhenFull() {
    let pipe = WakePipe()
    for _ in 0..<100_000 { pipe.wake() }
    let drained = pipe.drain()
    // The pipe holds 64 KiB by default: some wakes were dropped, none blocked.
    #expect(drained.count > 0)
    #expect(drained.count < 100_000)
    #expect(drained.allSatisfy { $0 == WakePipe.wakeByte })
    #expect(pipe.drain() == [])
    pipe.wake()
    #expect(pipe.drain() == [WakePipe.wakeByte])
  }

  @Test func wakeFromAnotherThreadIsSeen() async {
    let pipe = WakePipe()
    await Task.detached { pipe.wake() }.value
    #expect(Poller.wait([pipe.readDescriptor], timeoutMilliseconds: 1000) == [true])
    #expect(pipe.drain() == [WakePipe.wakeByte])
  }
}
