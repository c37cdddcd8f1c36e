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
/// While armed, one line per signal for standard error after a crash (see `crashNote`).
nonisolated(unsafe) private var crashNotes = UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt8>>
  .allocate(capacity: FaultGuard.signals.count)
/// From arm to disarm, even once a handler has restored the terminal (a second thread may
/// fault meanwhile): a crash goes to the handler that was there before only when
/// `chainWhileArmed`, true when that handler (the Swift backtracer) writes to a file.
nonisolated(unsafe) private var terminalOpen = false
nonisolated(unsafe) private var chainWhileArmed = false
nonisolated(unsafe) private var crashNotesReady = false
private let installed = Mutex(false)

/// The one owner of the fault signals (SIGBUS, SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGFPE;
/// Swift traps are SIGILL or SIGTRAP). Two jobs, in this order:
///
/// 1. A mapped file that shrank under logview (logrotate's copytruncate) raises SIGBUS on a
///    read past its new end. The faulting page is replaced by a page of zeros and the read
///    goes on; the follower then notices the truncation.
/// 2. Anything else is a crash: while a full-screen terminal is open, its "leave curses"
///    sequence is written and the shell's terminal modes are put back (endwin cannot run
///    here), one line on standard error says so, and the signal takes its default action.
///    The handler that was there before (the Swift backtracer) runs only when SWIFT_BACKTRACE
///    sends its report to a file, which the line names: by default it writes on the
///    terminal and, on one, waits 30 s for a key. Without a terminal to restore, the crash
///    goes to that handler as usual. A fault signal sent by another process takes the
///    default action without a report.
public enum FaultGuard {
  public static let signals: [Int32] = [SIGBUS, SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
  static let signalNames = ["SIGBUS", "SIGSEGV", "SIGILL", "SIGTRAP", "SIGABRT", "SIGFPE"]

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
    let file = backtraceFile(getenv("SWIFT_BACKTRACE").map { String(cString: $0) })
    chainWhileArmed = file != nil
    for (index, name) in signalNames.enumerated() {
      // A previous handler is the Swift backtracer (found and enabled at start) or none.
      let handled = previousActions[index].__sigaction_handler.sa_handler.map {
        unsafeBitCast($0, to: Int.self) > 1
      }
      let note = Array(crashNote(signal: name, backtraceFile: handled == true ? file : nil).utf8)
      let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: note.count)
      _ = bytes.initialize(from: note)
      (crashNotes + index).initialize(to: bytes)
    }
    crashNotesReady = true
    terminalOpen = true
    restoreArmed = true
  }

  /// The line a crash leaves under the restored terminal.
  static func crashNote(signal: String, backtraceFile: String?) -> String {
    "logview: crashed (\(signal))" + (backtraceFile.map { "; backtrace in \($0)" } ?? "") + "\n"
  }

  /// Where SWIFT_BACKTRACE ("key=value,...") sends the backtracer's report when that is a
  /// file or directory (output-to), nil for the terminal's streams or when it is disabled.
  static func backtraceFile(_ setting: String?) -> String? {
    var file: String?
    for item in (setting ?? "").split(separator: ",") {
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      switch (parts[0].lowercased(), parts[1]) {
      case ("enable", let value)
      where ["no", "n", "false", "f", "off", "0"].contains(value.lowercased()):
        return nil
      case ("output-to", let value):
        file = ["stdout", "stderr", "auto", ""].contains(value.lowercased()) ? nil : value
      default: break
      }
    }
    return file
  }

  /// After a normal endwin: nothing to restore any more.
  public static func disarmTerminalRestore() {
    restoreArmed = false
    terminalOpen = false
    if let base = restoreSequence.baseAddress { base.deallocate() }
    restoreSequence = UnsafeMutableBufferPointer(start: nil, count: 0)
    restoreModes?.deallocate()
    restoreModes = nil
    if crashNotesReady {
      crashNotesReady = false
      for index in signals.indices { crashNotes[index].deallocate() }
    }
  }

  /// Async-signal-safe: while armed, leaves curses (the sequence, the shell's modes) once.
  /// Returns whether it did. For handlers of other signals that end the process at once.
  @discardableResult
  static func restoreTerminalNow() -> Bool {
    guard restoreArmed else { return false }
    restoreArmed = false
    if let base = restoreSequence.baseAddress, restoreSequence.count > 0 {
      _ = write(restoreDescriptor, base, restoreSequence.count)
    }
    if let restoreModes { _ = tcsetattr(restoreDescriptor, TCSANOW, restoreModes) }
    return true
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
  // Sent by another process (kill -BUS, sigqueue): not a crash of logview's, so no crash
  // report (the Swift backtracer would hold the terminal for half a minute); the default
  // action.
  let sentByOther =
    info.map {
      let code = $0.pointee.si_code  // the codes that carry the sender's pid; no array here
      return (code == SI_USER || code == SI_QUEUE || code == SI_TKILL)
        && $0.pointee._sifields._kill.si_pid != getpid()
    } ?? false
  let index = FaultGuard.signals.firstIndex(of: signal)
  let withTerminal = terminalOpen
  if FaultGuard.restoreTerminalNow(), !sentByOther, let index {
    let note = crashNotes[index]
    if let base = note.baseAddress { _ = write(STDERR_FILENO, base, note.count) }
  }
  if !sentByOther, let index, !withTerminal || chainWhileArmed,
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
