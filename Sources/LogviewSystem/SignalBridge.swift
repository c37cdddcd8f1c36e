import Glibc
import Synchronization

/// The write end the handlers use. Swift 6 rejects plain mutable globals; this one is written
/// only by `install`, and a handler reading a stale value just wakes the wrong (live) pipe.
nonisolated(unsafe) private var signalWakeDescriptor: Int32 = -1
/// Keeps the installed pipe (and so its descriptors) alive as long as the handlers may run.
nonisolated(unsafe) private var installedPipe: WakePipe?
/// The actions `install` replaced, for `uninstall`; never read by the handlers.
nonisolated(unsafe) private var replacedActions: [(Int32, sigaction)] = []
/// Set by the first ending signal since `install`; a second one does not wait for the pipe.
private let endingSeen = Atomic<Bool>(false)

/// Handlers that only write the signal number into a WakePipe: the explorer's way to hear of
/// resizes and of every signal that would end the process. Install before starting curses:
/// ncurses only takes signals left at their default.
public enum SignalBridge {
  /// Every signal whose default action ends the process, but the fault signals (FaultGuard)
  /// and SIGKILL/SIGSTOP: left at their defaults they would end it with the terminal still in
  /// curses mode. Routed, each lets the explorer restore the terminal and exit with status
  /// 128 + its number. SIGPIPE is ignored from the start (LogviewMain); the real-time signals
  /// are all here, but the two glibc keeps for its threads (below SIGRTMIN).
  public static let endings: [Int32] =
    [
      SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
      SIGXFSZ, SIGSYS, SIGPWR, SIGSTKFLT, SIGIO,
    ] + Array(__libc_current_sigrtmin()...__libc_current_sigrtmax())

  /// The signals routed to the pipe; each arrives there as one byte holding its number.
  public static let signals: [Int32] = endings + [SIGWINCH]

  /// Routes `signals` to `pipe` (replacing an earlier install), and SIGCONT too, as a
  /// SIGWINCH byte: after a Ctrl-Z the terminal may have been resized while the process was
  /// stopped (the SIGWINCH went to the shell), so a resume needs the same size check and
  /// repaint. The pipe is retained for the rest of the process. SA_RESTART keeps blocking
  /// reads on other threads going; poll() still returns EINTR, which Poller handles.
  ///
  /// Also unblocks these signals on the calling thread (call it from the main thread before
  /// starting others, which inherit its mask): a process can start with them blocked (a
  /// parent that spawned it from a thread that blocks signals, as Swift's cooperative pool
  /// threads do), and then Ctrl-C, SIGTERM, SIGHUP and resizes would never arrive.
  ///
  /// A second ending signal before `uninstall` does not wait for the explorer (it may be
  /// stuck): the handler restores the terminal itself (FaultGuard's armed restore) and the
  /// signal takes its default action.
  public static func install(_ pipe: WakePipe) {
    signalWakeDescriptor = pipe.writeDescriptor
    installedPipe = pipe
    endingSeen.store(false, ordering: .sequentiallyConsistent)
    SignalAction.unblock(signals + [SIGCONT])
    let keep = replacedActions.isEmpty
    for signal in signals + [SIGCONT] {
      let previous = SignalAction.install(signal, forwardSignal, flags: SA_RESTART)
      if keep { replacedActions.append((signal, previous)) }
    }
  }

  /// After the terminal is restored: the signals get back the actions `install` replaced, so
  /// one arriving while the explorer's threads stop ends the process as it would have.
  public static func uninstall() {
    for (signal, action) in replacedActions {
      withUnsafePointer(to: action) { SignalAction.restore(signal, $0) }
    }
    replacedActions = []
  }
}

/// Async-signal-safe: one write(2) of a stack byte, errno preserved, no allocation; or, for a
/// second ending signal, the terminal restore and the default action.
private func forwardSignal(_ signal: Int32) {
  let savedErrno = errno
  defer { errno = savedErrno }
  if signal != SIGWINCH, signal != SIGCONT,
    endingSeen.exchange(true, ordering: .sequentiallyConsistent)
  {
    FaultGuard.restoreTerminalNow()
    SignalAction.reset(signal)
    // Pending until this handler returns, then the default action ends the process.
    _ = raise(signal)
    return
  }
  let routed = signal == SIGCONT ? SIGWINCH : signal
  WakePipe.writeByte(UInt8(truncatingIfNeeded: routed), to: signalWakeDescriptor)
}
