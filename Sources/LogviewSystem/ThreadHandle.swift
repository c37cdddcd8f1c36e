import Dispatch
import Foundation
import Synchronization

/// A dedicated thread (not a Task: a blocking read or poll must not pin one of the few
/// cooperative threads) that can be waited for, except from itself: waiting there would
/// never return, e.g. when stop() is called from a callback running on it.
public final class ThreadHandle: Sendable {
  private let exited = DispatchSemaphore(value: 0)
  private let threadId = Atomic<UInt>(0)
  private let joined = Atomic<Bool>(false)

  public init(name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread { [self] in
      threadId.store(Self.currentThreadId, ordering: .releasing)
      body()
      exited.signal()
    }
    thread.name = name
    thread.start()
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
