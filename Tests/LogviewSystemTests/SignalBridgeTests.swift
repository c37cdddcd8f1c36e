import Glibc
import LogviewTestSupport
import Testing

@testable import LogviewSystem

/// Signal handlers are process-wide: these tests install the bridge once and run one at a time.
@Suite(.serialized)
struct SignalBridgeTests {
  static let pipe: WakePipe = {
    let pipe = WakePipe()
    SignalBridge.install(pipe)
    return pipe
  }()

  /// Each routed signal arrives as one byte holding its number, readable within 100 ms.
  /// Sent with kill, not raise: test bodies run on cooperative-pool threads, which block
  /// these signals, so a signal raised at the thread itself would stay pending there.
  @Test(arguments: [SIGWINCH, SIGINT, SIGTERM, SIGHUP])
  func signalWakesPoller(signal: Int32) {
    let pipe = Self.pipe
    _ = pipe.drain()
    let start = ContinuousClock.now
    #expect(kill(getpid(), signal) == 0)
    let ready = Poller.wait([pipe.readDescriptor], timeoutMilliseconds: 100)
    #expect(ready == [true])
    #expect(ContinuousClock.now - start < .milliseconds(100))
    #expect(pipe.drain() == [UInt8(signal)])
  }

  /// A resume (after Ctrl-Z) asks for a size check and repaint, like a resize.
  @Test func continueArrivesAsWindowChange() {
    let pipe = Self.pipe
    _ = pipe.drain()
    #expect(kill(getpid(), SIGCONT) == 0)
    #expect(Poller.wait([pipe.readDescriptor], timeoutMilliseconds: 100) == [true])
    #expect(pipe.drain() == [UInt8(SIGWINCH)])
  }

  /// A process may start with these signals blocked (inherited from its parent's spawning
  /// thread); install unblocks them on the calling thread.
  @Test func installUnblocksTheSignals() {
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for signal in SignalBridge.signals + [SIGCONT] { sigaddset(&blocked, signal) }
    var before = sigset_t()
    #expect(pthread_sigmask(SIG_BLOCK, &blocked, &before) == 0)
    SignalBridge.install(Self.pipe)
    var now = sigset_t()
    #expect(pthread_sigmask(SIG_SETMASK, nil, &now) == 0)
    for signal in SignalBridge.signals + [SIGCONT] { #expect(sigismember(&now, signal) == 0) }
    #expect(pthread_sigmask(SIG_SETMASK, &before, nil) == 0)
  }

  @Test func handlersAreInstalled() {
    _ = Self.pipe
    for signal in SignalBridge.signals + [SIGCONT] {
      var action = sigaction()
      #expect(sigaction(signal, nil, &action) == 0)
      #expect(action.sa_flags & SA_RESTART != 0)
      let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
      #expect(handler != 0 && handler != 1)  // neither SIG_DFL nor SIG_IGN
    }
  }

  /// A signal arriving while another thread sleeps in Poller.wait ends the wait at once.
  @Test func signalFromAnotherThreadEndsAWait() {
    let pipe = Self.pipe
    _ = pipe.drain()
    let start = ContinuousClock.now
    let sender = BackgroundThread {
      usleep(30_000)
      _ = kill(getpid(), SIGWINCH)
    }
    let ready = Poller.wait([pipe.readDescriptor], timeoutMilliseconds: 5000)
    sender.join()
    #expect(ready == [true])
    #expect(ContinuousClock.now - start < .milliseconds(1000))
    #expect(pipe.drain() == [UInt8(SIGWINCH)])
  }
}
