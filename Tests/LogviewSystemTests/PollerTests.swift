import Glibc
import LogviewTestSupport
import Testing

@testable import LogviewSystem

struct PollerTests {
  @Test(arguments: [0, 20, 60])
  func timeoutReturnsNothingReady(milliseconds: Int) {
    let pipe = WakePipe()
    let start = ContinuousClock.now
    #expect(Poller.wait([pipe.readDescriptor], timeoutMilliseconds: milliseconds) == [false])
    let elapsed = ContinuousClock.now - start
    #expect(elapsed >= .milliseconds(milliseconds))
    #expect(elapsed < .milliseconds(milliseconds + 500))
  }

  /// One flag per descriptor, in order; negative descriptors are ignored.
  @Test(arguments: [[false, true, false], [true, true, true], [false, false, false]])
  func reportsEachDescriptor(awake: [Bool]) {
    let pipes = awake.map { _ in WakePipe() }
    for (pipe, wake) in zip(pipes, awake) where wake { pipe.wake() }
    let descriptors = pipes.map(\.readDescriptor) + [-1]
    #expect(Poller.wait(descriptors, timeoutMilliseconds: 0) == awake + [false])
  }

  @Test func readyDescriptorReturnsWithoutTimeout() {
    let pipe = WakePipe()
    pipe.wake()
    #expect(Poller.wait([pipe.readDescriptor], timeoutMilliseconds: nil) == [true])
  }

  @Test func nothingToWaitForReturnsAtOnce() {
    #expect(Poller.wait([], timeoutMilliseconds: nil) == [])
  }

  /// A closed write end is "hung up": reported, so the caller never sleeps on a dead source.
  @Test func hangUpCountsAsReady() {
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    close(fds[1])
    #expect(Poller.wait([fds[0]], timeoutMilliseconds: 1000) == [true])
    close(fds[0])
  }
}

/// A signal that is not routed to any pipe (EINTR with nothing readable) must not end the
/// wait early: it resumes for the time left.
@Suite(.serialized)
struct PollerInterruptTests {
  @Test func unroutedSignalResumesTheWait() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in }
    sigemptyset(&action.sa_mask)
    #expect(sigaction(SIGUSR1, &action, nil) == 0)
    final class Outcome: @unchecked Sendable {
      var ready: [Bool] = []
      var elapsed = Duration.zero
    }
    let outcome = Outcome()
    let pipe = WakePipe()
    // The waiter takes SIGUSR1 (the test's own pool thread blocks it), so each one sent at
    // it really interrupts its poll() with EINTR.
    let waiter = BackgroundThread(unblocking: [SIGUSR1]) {
      let start = ContinuousClock.now
      outcome.ready = Poller.wait([pipe.readDescriptor], timeoutMilliseconds: 150)
      outcome.elapsed = ContinuousClock.now - start
    }
    for _ in 0..<5 {
      usleep(15_000)
      _ = pthread_kill(waiter.thread, SIGUSR1)
    }
    waiter.join()
    #expect(outcome.ready == [false])
    #expect(outcome.elapsed >= .milliseconds(150))
  }
}
