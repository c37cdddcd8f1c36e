import Glibc

/// A plain thread for tests that block their own thread in poll(): a Task might not get a
/// cooperative thread in time when other tests keep the (small) pool busy.
public final class BackgroundThread {
  private final class Box {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
  }

  public private(set) var thread = pthread_t()

  /// Starts `body` on a new thread. The thread inherits the creator's signal mask (a
  /// cooperative-pool thread blocks most signals); `unblocking` lifts it for those signals.
  public init(unblocking signals: [Int32] = [], _ body: @escaping @Sendable () -> Void) {
    var mask = sigset_t()
    sigemptyset(&mask)
    for signal in signals { sigaddset(&mask, signal) }
    let unblock = mask
    let box = Unmanaged.passRetained(
      Box {
        var mask = unblock
        _ = pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        body()
      }
    ).toOpaque()
    let started = pthread_create(
      &thread, nil,
      { argument in
        let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
        box.body()
        return nil
      }, box)
    precondition(started == 0, "pthread_create failed")
  }

  /// Waits for the body to finish.
  public func join() { _ = pthread_join(thread, nil) }
}
