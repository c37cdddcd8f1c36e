#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A memory-mapped file that shrinks under us (logrotate's copytruncate) makes reads past its
/// new end raise SIGBUS. This handler maps a page of zeros over the faulting page instead, so
/// the read sees NUL bytes and logview keeps running; the follower then notices the truncation.
public enum TruncationGuard {
  nonisolated(unsafe) private static var installed = false

  /// Installs the SIGBUS handler once (before the first mapping).
  public static func install() {
    guard !installed else { return }
    installed = true
    var action = sigaction()
    action.sa_flags = SA_SIGINFO | SA_NODEFER
    action.__sigaction_handler.sa_sigaction = { _, info, _ in
      guard let info,
        let address = info.pointee._sifields._sigfault.si_addr,
        info.pointee.si_code == BUS_ADRERR
      else {
        // Not a truncated mapping: die as SIGBUS would.
        signal(SIGBUS, SIG_DFL)
        raise(SIGBUS)
        return
      }
      let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
      let start = UInt(bitPattern: address) & ~(page - 1)
      let result = mmap(
        UnsafeMutableRawPointer(bitPattern: start), Int(page), PROT_READ,
        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
      if result == MAP_FAILED {
        signal(SIGBUS, SIG_DFL)
        raise(SIGBUS)
      }
    }
    sigemptyset(&action.sa_mask)
    sigaction(SIGBUS, &action, nil)
  }
}
