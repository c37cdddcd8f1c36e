import Dispatch
import Glibc
import Synchronization

/// A dedicated thread (not a Task: a blocking read or poll must not pin one of the few
/// cooperative threads) that can be waited for, except from itself: waiting there would
/// never return, e.g. when stop() is called from a callback running on it.
public final class ThreadHandle: Sendable {
  private let exited = DispatchSemaphore(value: 0)
  private let threadId = Atomic<UInt>(0)
  private let joined = Atomic<Bool>(false)

  public init(name: String, _ body: @escaping @Sendable () -> Void) {
    let start = ThreadStart(name: name) { [self] in
      threadId.store(Self.currentThreadId, ordering: .releasing)
      body()
      exited.signal()
    }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    // Waiting goes through the semaphore (join must also work from other handles' threads),
    // so the thread cleans up after itself.
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let context = Unmanaged.passRetained(start).toOpaque()
    let created = pthread_create(
      &thread, &attributes,
      { context in
        Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().run()
        return nil
      }, context)
    pthread_attr_destroy(&attributes)
    // Without a thread nothing can work (no reader, no follower): the same end as
    // Foundation's Thread, which traps too, but saying why.
    precondition(created == 0, "cannot start thread \(name): error \(created)")
  }

  /// True when called on this handle's thread.
  public var isCurrent: Bool { threadId.load(ordering: .acquiring) == Self.currentThreadId }

  /// Waits for the thread's body to return. Later calls, and calls from the thread itself,
  /// return at once.
  public func join() {
    guard !isCurrent, !joined.exchange(true, ordering: .acquiringAndReleasing) else { return }
    exited.wait()
  }

  private static var currentThreadId: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }
}

/// What a new thread runs first: its name (as `top -H` and debuggers show it), then the body.
private final class ThreadStart {
  let name: String
  let body: @Sendable () -> Void

  init(name: String, body: @escaping @Sendable () -> Void) {
    self.name = name
    self.body = body
  }

  func run() {
    nameThisThread()
    body()
  }

  /// Through /proc: Glibc's module does not export pthread_setname_np. The kernel keeps 15
  /// bytes of the name.
  private func nameThisThread() {
    let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
  }
}
