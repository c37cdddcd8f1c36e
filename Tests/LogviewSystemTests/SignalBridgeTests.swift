import Glibc
import LogviewTestSupport
import Testing

@testable import LogviewSystem

/// Signal handlers are process-wide: these tests run one at a time, each installing the
/// bridge (which also forgets an ending signal seen before) and taking it away at the end.
@Suite(.serialized)
struct SignalBridgeTests {
  static let pipe = WakePipe()

  static func installed() -> WakePipe {
    SignalBridge.install(pipe)
    _ = pipe.drain()
    return pipe
  }

  /// Every signal whose default action ends the process, but the fault signals (FaultGuard
  /// owns them) and the two that cannot be caught; SIGPIPE is ignored from the start.
  @Test func endingsAreEverySignalThatWouldEndTheProcess() {
    let named = [
      SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
      SIGXFSZ, SIGSYS, SIGPWR, SIGSTKFLT, SIGIO,
    ]
    let realTime = Array(__libc_current_sigrtmin()...__libc_current_sigrtmax())
    #expect(Set(SignalBridge.endings) == Set(named + realTime))
    #expect(SignalBridge.signals == SignalBridge.endings + [SIGWINCH])
  }

  /// Each routed signal arrives as one byte holding its number, readable within 100 ms.
  /// Sent with kill, not raise: test bodies run on cooperative-pool threads, which block
  /// these signals, so a signal raised at the thread itself would stay pending there.
  @Test(arguments: SignalBridge.signals)
  func signalWakesPoller(signal: Int32) {
    let pipe = Self.installed()
    defer { SignalBridge.uninstall() }
    let start = ContinuousClock.now
    #expect(kill(getpid(), signal) == 0)
    let ready = Poller.wait([pipe.readDescriptor], timeoutMilliseconds: 100)
    #expect(ready == [true])
    #expect(ContinuousClock.now - start < .milliseconds(100))
    #expect(pipe.drain() == [UInt8(signal)])
  }

  /// A resume (after Ctrl-Z) asks for a size check and repaint, like a resize.
  @Test func continueArrivesAsWindowChange() {
    let pipe = Self.installed()
    defer { SignalBridge.uninstall() }
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
    _ = Self.installed()
    defer { SignalBridge.uninstall() }
    var now = sigset_t()
    #expect(pthread_sigmask(SIG_SETMASK, nil, &now) == 0)
    for signal in SignalBridge.signals + [SIGCONT] { #expect(sigismember(&now, signal) == 0) }
    #expect(pthread_sigmask(SIG_SETMASK, &before, nil) == 0)
  }

  @Test func handlersAreInstalledAndTakenAway() {
    let before = SignalBridge.signals.map(Self.handler)
    _ = Self.installed()
    for signal in SignalBridge.signals + [SIGCONT] {
      var action = sigaction()
      #expect(sigaction(signal, nil, &action) == 0)
      #expect(action.sa_flags & SA_RESTART != 0)
      let handler = Self.handler(signal)
      #expect(handler != 0 && handler != 1)  // neither SIG_DFL nor SIG_IGN
    }
    SignalBridge.uninstall()
    #expect(SignalBridge.signals.map(Self.handler) == before)
  }

  static func handler(_ signal: Int32) -> Int {
    var action = sigaction()
    _ = sigaction(signal, nil, &action)
    return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
  }

  /// A signal arriving while another thread sleeps in Poller.wait ends the wait at once.
  @Test func signalFromAnotherThreadEndsAWait() {
    let pipe = Self.installed()
    defer { SignalBridge.uninstall() }
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

  /// The first ending signal only asks the explorer to leave; a second one (the explorer is
  /// stuck, or the user insists) restores the terminal in the handler and ends the process
  /// by the signal's default action.
  @Test func aSecondEndingSignalRestoresTheTerminalAndEnds() async {
    let result = await #expect(
      processExitsWith: .signal(SIGUSR1), observing: [\.standardOutputContent]
    ) {
      let pipe = WakePipe()
      SignalBridge.install(pipe)
      FaultGuard.armTerminalRestore(
        descriptor: STDOUT_FILENO, modes: nil, sequence: Array("<left curses>".utf8))
      _ = kill(getpid(), SIGUSR1)
      guard Poller.wait([pipe.readDescriptor], timeoutMilliseconds: 2000) == [true] else {
        exit(3)
      }
      _ = kill(getpid(), SIGUSR1)
      sleep(5)
      exit(4)
    }
    #expect(
      result.map { String(decoding: $0.standardOutputContent, as: UTF8.self) } == "<left curses>")
  }
}
