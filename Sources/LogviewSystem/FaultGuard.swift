import Glibc
import Synchronization

// State the handler reads. Written only by install/arm/disarm (not from handlers); a
// handler that reads a stale value at worst skips a restore. Heap copies, not globals of C
// struct types: Swift 6.3 sizes globals of imported C structs without their padding (57
// bytes for termios, not 60), so storing one overwrites the next global.
nonisolated(unsafe) private var previousActions = UnsafeMutablePointer<sigaction>.allocate(
  capacity: FaultGuard.signals.count)
nonisolated(unsafe) private var restoreArmed = false
/// Read once by install(): sysconf is not async-signal-safe.
nonisolated(unsafe) private var pageSize: UInt = 4096
nonisolated(unsafe) private var restoreDescriptor: Int32 = -1
nonisolated(unsafe) private var restoreModes: UnsafeMutablePointer<termios>?
nonisolated(unsafe) private var restoreSequence = UnsafeMutableBufferPointer<UInt8>(
  start: nil, count: 0)
private let installed = Mutex(false)

/// The one owner of the fault signals (SIGBUS, SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGFPE;
/// Swift traps are SIGILL or SIGTRAP). Two jobs, in this order:
///
/// 1. A mapped file that shrank under logview (logrotate's copytruncate) raises SIGBUS on a
///    read past its new end. The faulting page is replaced by a page of zeros and the read
///    goes on; the follower then notices the truncation.
/// 2. Anything else is a crash: while a full-screen terminal is open, its "leave curses"
///    sequence is written and the shell's terminal modes are put back (endwin cannot run
///    here), then the signal goes to the handler that was there before (the Swift
///    backtracer, or the default action), so the crash is still reported. A fault signal
///    sent by another process takes the default action without a report.
public enum FaultGuard {
  public static let signals: [Int32] = [SIGBUS, SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

  /// Installs the handlers; later calls do nothing.
  public static func install() {
    installed.withLock { done in
      guard !done else { return }
      done = true
      pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))
      for (index, signal) in signals.enumerated() {
        let previous = SignalAction.install(
          signal, info: handleFault, flags: SA_ONSTACK)
        (previousActions + index).initialize(to: previous)
      }
    }
  }

  /// While curses runs: on a crash, write `sequence` to `descriptor` and restore `modes`
  /// (the shell's terminal modes) when given.
  public static func armTerminalRestore(descriptor: Int32, modes: termios?, sequence: [UInt8]) {
    install()
    disarmTerminalRestore()
    let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, sequence.count))
    _ = bytes.initialize(from: sequence)
    restoreSequence = UnsafeMutableBufferPointer(rebasing: bytes[0..<sequence.count])
    restoreDescriptor = descriptor
    if let modes {
      let copy = UnsafeMutablePointer<termios>.allocate(capacity: 1)
      copy.initialize(to: modes)
      restoreModes = copy
    }
    restoreArmed = true
  }

  /// After a normal endwin: nothing to restore any more.
  public static func disarmTerminalRestore() {
    restoreArmed = false
    if let base = restoreSequence.baseAddress { base.deallocate() }
    restoreSequence = UnsafeMutableBufferPointer(start: nil, count: 0)
    restoreModes?.deallocate()
    restoreModes = nil
  }
}

/// Async-signal-safe: mmap, write, tcsetattr, sigaction and raise only.
private func handleFault(
  _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
  if signal == SIGBUS, let info, info.pointee.si_code == BUS_ADRERR,
    let address = info.pointee._sifields._sigfault.si_addr
  {
    // A read past the end of a shrunk mapping: zeros instead, and the read is retried.
    let page = pageSize
    let start = UInt(bitPattern: address) & ~(page - 1)
    let zeros = mmap(
      UnsafeMutableRawPointer(bitPattern: start), Int(page), PROT_READ,
      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
    if zeros != MAP_FAILED { return }
  }
  if restoreArmed {
    restoreArmed = false
    if let base = restoreSequence.baseAddress, restoreSequence.count > 0 {
      _ = write(restoreDescriptor, base, restoreSequence.count)
    }
    if let restoreModes { _ = tcsetattr(restoreDescriptor, TCSANOW, restoreModes) }
  }
  // Sent by another process (kill -BUS): not a crash of logview's, so no crash report
  // (the Swift backtracer would hold the terminal for half a minute); the default action.
  let sentByOther =
    info.map { $0.pointee.si_code == SI_USER && $0.pointee._sifields._kill.si_pid != getpid() }
    ?? false
  if !sentByOther, let index = FaultGuard.signals.firstIndex(of: signal),
    !SignalAction.runs(previousActions[index], handleFault)
  {
    SignalAction.restore(signal, previousActions + index)
  } else {
    SignalAction.reset(signal)
  }
  // Sent by kill/raise/abort (si_code <= 0): send again, delivered to the previous handler
  // once this one returns. A real fault re-executes the faulting instruction instead, so
  // the previous handler sees the true crash context.
  if info == nil || info!.pointee.si_code <= 0 { _ = raise(signal) }
}
