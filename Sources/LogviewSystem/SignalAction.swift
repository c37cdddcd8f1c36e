import Glibc

/// sigaction for the rest of the project: the only place that fills in a `sigaction`.
/// The restore functions are async-signal-safe, so handlers may call them.
public enum SignalAction {
  public typealias Handler = @convention(c) (Int32) -> Void
  public typealias InfoHandler =
    @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void

  /// Installs a plain handler for `signal`; returns the action it replaced.
  @discardableResult
  public static func install(_ signal: Int32, _ handler: Handler, flags: Int32) -> sigaction {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    return install(signal, &action, flags: flags)
  }

  /// Installs a handler that receives the signal's details (SA_SIGINFO is added).
  @discardableResult
  public static func install(_ signal: Int32, info handler: InfoHandler, flags: Int32)
    -> sigaction
  {
    var action = sigaction()
    action.__sigaction_handler.sa_sigaction = handler
    return install(signal, &action, flags: flags | SA_SIGINFO)
  }

  private static func install(_ signal: Int32, _ action: inout sigaction, flags: Int32)
    -> sigaction
  {
    sigemptyset(&action.sa_mask)
    action.sa_flags = flags
    var previous = sigaction()
    _ = sigaction(signal, &action, &previous)
    return previous
  }

  /// Puts back an action saved earlier.
  public static func restore(_ signal: Int32, _ action: UnsafePointer<sigaction>) {
    _ = sigaction(signal, action, nil)
  }

  /// The default action (terminate, core, ignore... as the signal defines).
  public static func reset(_ signal: Int32) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = SIG_DFL
    _ = sigaction(signal, &action, nil)
  }

  /// True when `action` runs `handler`.
  public static func runs(_ action: sigaction, _ handler: InfoHandler) -> Bool {
    guard let installed = action.__sigaction_handler.sa_sigaction else { return false }
    return unsafeBitCast(installed, to: UnsafeRawPointer.self)
      == unsafeBitCast(handler, to: UnsafeRawPointer.self)
  }

  /// Unblocks `signals` on the calling thread (threads started later inherit its mask).
  public static func unblock(_ signals: [Int32]) {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    _ = pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }
}
