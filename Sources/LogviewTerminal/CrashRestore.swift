#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// What the crash handlers need, prepared while curses runs so the handlers only call
// async-signal-safe functions (write, tcsetattr, sigaction, raise). Swift 6 rejects plain
// mutable globals; these are written only by arm/disarm on the UI thread.
nonisolated(unsafe) private var crashArmed = false
nonisolated(unsafe) private var crashDescriptor: Int32 = -1
// A heap copy, not a global of type termios: Swift 6.3 sizes globals of imported C structs
// without their padding (57 bytes for termios, not 60), so storing one overwrites the next.
nonisolated(unsafe) private var crashModes: UnsafeMutablePointer<termios>?
nonisolated(unsafe) private var crashSequence = UnsafeMutableBufferPointer<UInt8>(
  start: nil, count: 0)
nonisolated(unsafe) private var crashPrevious = UnsafeMutableBufferPointer<sigaction>(
  start: nil, count: 0)

/// Restores the terminal when the process dies of a fault or abort (Swift traps are SIGILL
/// or SIGTRAP), where endwin cannot run: writes the saved "leave curses" sequence, puts back
/// the shell's terminal modes, then hands the signal to the previous handler (the Swift
/// backtracer or the default action) so the crash is still reported.
enum CrashRestore {
  static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

  /// `sequence` is written to `descriptor` on a crash; `shellModes` are restored with
  /// tcsetattr when given.
  static func arm(descriptor: Int32, shellModes: termios?, sequence: [UInt8]) {
    disarm()
    let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, sequence.count))
    _ = bytes.initialize(from: sequence)
    crashSequence = UnsafeMutableBufferPointer(rebasing: bytes[0..<sequence.count])
    crashDescriptor = descriptor
    if let shellModes {
      let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
      modes.initialize(to: shellModes)
      crashModes = modes
    }
    crashPrevious = .allocate(capacity: signals.count)
    crashPrevious.initialize(repeating: sigaction())
    for (index, signal) in signals.enumerated() {
      var action = sigaction()
      #if os(Linux)
        action.__sigaction_handler.sa_sigaction = restoreTerminalOnCrash
      #else
        action.__sigaction_u.__sa_sigaction = restoreTerminalOnCrash
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_SIGINFO | SA_ONSTACK
      _ = sigaction(signal, &action, crashPrevious.baseAddress! + index)
    }
    crashArmed = true
  }

  /// Puts the previous handlers back (after a normal endwin).
  static func disarm() {
    guard crashPrevious.baseAddress != nil else { return }
    crashArmed = false
    for (index, signal) in signals.enumerated() {
      _ = sigaction(signal, crashPrevious.baseAddress! + index, nil)
    }
    crashPrevious.deallocate()
    crashPrevious = UnsafeMutableBufferPointer(start: nil, count: 0)
    if let base = crashSequence.baseAddress { base.deallocate() }
    crashModes?.deallocate()
    crashModes = nil
    crashSequence = UnsafeMutableBufferPointer(start: nil, count: 0)
  }

  /// Removes terminfo padding ("$<5>", "$<2*/>"), which is for the library, not the terminal.
  static func strippingPadding(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count,
        bytes[index + 1] == UInt8(ascii: "<"),
        let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">"))
      {
        index = close + 1
        continue
      }
      result.append(bytes[index])
      index += 1
    }
    return result
  }
}

private func restoreTerminalOnCrash(
  _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
  if crashArmed {
    crashArmed = false
    if let base = crashSequence.baseAddress, crashSequence.count > 0 {
      _ = write(crashDescriptor, base, crashSequence.count)
    }
    if let crashModes { _ = tcsetattr(crashDescriptor, TCSANOW, crashModes) }
  }
  if let previous = crashPrevious.baseAddress,
    let index = CrashRestore.signals.firstIndex(of: signal)
  {
    _ = sigaction(signal, previous + index, nil)
  } else {
    resetToDefault(signal)
  }
  // Sent by kill/raise/abort (si_code <= 0): send again, delivered to the previous handler
  // once this one returns. A real fault re-executes the faulting instruction instead, so
  // the previous handler sees the true crash context.
  if info == nil || info!.pointee.si_code <= 0 { _ = raise(signal) }
}

private func resetToDefault(_ signal: Int32) {
  var action = sigaction()
  #if os(Linux)
    action.__sigaction_handler.sa_handler = SIG_DFL
  #else
    action.__sigaction_u.__sa_handler = SIG_DFL
  #endif
  _ = sigaction(signal, &action, nil)
}
