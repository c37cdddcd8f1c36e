import Glibc

/// The write end the handlers use. Swift 6 rejects plain mutable globals; this one is written
/// only by `install`, and a handler reading a stale value just wakes the wrong (live) pipe.
nonisolated(unsafe) private var signalWakeDescriptor: Int32 = -1
/// Keeps the installed pipe (and so its descriptors) alive as long as the handlers may run.
nonisolated(unsafe) private var installedPipe: WakePipe?

/// INT, TERM, HUP and WINCH handlers that only write the signal number into a WakePipe.
/// Install before starting curses: ncurses only takes signals left at their default.
public enum SignalBridge {
  /// The signals routed to the pipe; each arrives there as one byte holding its number.
  public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGWINCH]

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
  public static func install(_ pipe: WakePipe) {
    signalWakeDescriptor = pipe.writeDescriptor
    installedPipe = pipe
    SignalAction.unblock(signals + [SIGCONT])
    for signal in signals + [SIGCONT] {
      SignalAction.install(signal, forwardSignal, flags: SA_RESTART)
    }
  }
}

/// Async-signal-safe: one write(2) of a stack byte, errno preserved, no allocation.
private func forwardSignal(_ signal: Int32) {
  let savedErrno = errno
  let routed = signal == SIGCONT ? SIGWINCH : signal
  WakePipe.writeByte(UInt8(truncatingIfNeeded: routed), to: signalWakeDescriptor)
  errno = savedErrno
}
