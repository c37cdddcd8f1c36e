#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A memory-mapped file that shrinks under us (logrotate's copytruncate) makes reads past its
/// new end raise SIGBUS. This handler maps a page of zeros over the faulting page instead, so
/// the read sees NUL bytes and logview keeps running; the follower then notices the truncation.
/// Any other SIGBUS goes on to the handler that was installed before (the terminal's crash
/// restore, or the default), so real crashes still restore the terminal and report.
public enum TruncationGuard {
  /// The handler replaced by the last install; heap storage because a global C struct is
  /// laid out without its padding by this compiler.
  nonisolated(unsafe) private static var previous: UnsafeMutablePointer<sigaction>?
  /// Set once a SIGBUS that is not ours went to the previous handler. That handler (the
  /// terminal's crash restore) chains back to whatever it found, which may be this guard:
  /// the second time round the default action ends the process instead of a loop.
  nonisolated(unsafe) private static var handedOver = false

  /// Makes this handler the first to see SIGBUS. Call again after installing other SIGBUS
  /// handlers (the terminal's) so truncation is handled before they treat it as a crash.
  public static func install() {
    var current = sigaction()
    sigaction(SIGBUS, nil, &current)
    #if os(Linux)
      let installed = current.__sigaction_handler.sa_sigaction
    #else
      let installed = current.__sigaction_u.__sa_sigaction
    #endif
    if let installed,
      unsafeBitCast(installed, to: UnsafeRawPointer.self)
        == unsafeBitCast(handler, to: UnsafeRawPointer.self)
    {
      return
    }
    let saved = previous ?? .allocate(capacity: 1)
    saved.initialize(to: current)
    previous = saved
    var action = sigaction()
    #if os(Linux)
      action.__sigaction_handler.sa_sigaction = handler
    #else
      action.__sigaction_u.__sa_sigaction = handler
    #endif
    action.sa_flags = SA_SIGINFO | SA_NODEFER
    sigemptyset(&action.sa_mask)
    sigaction(SIGBUS, &action, nil)
  }

  private static let handler:
    @convention(c) (
      Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?
    ) -> Void = { number, info, _ in
      if let info, info.pointee.si_code == BUS_ADRERR,
        let address = info.pointee._sifields._sigfault.si_addr
      {
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        let start = UInt(bitPattern: address) & ~(page - 1)
        let zeros = mmap(
          UnsafeMutableRawPointer(bitPattern: start), Int(page), PROT_READ,
          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
        if zeros != MAP_FAILED { return }
      }
      // Not ours: hand over. A real fault re-executes and reaches the previous handler with its
      // true context; a sent signal is sent again.
      if !TruncationGuard.handedOver, let previous = TruncationGuard.previous {
        TruncationGuard.handedOver = true
        sigaction(number, previous, nil)
      } else {
        signal(number, SIG_DFL)
      }
      if info == nil || info!.pointee.si_code <= 0 { raise(number) }
    }
}
