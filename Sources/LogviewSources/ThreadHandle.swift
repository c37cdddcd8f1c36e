import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A dedicated thread that can be waited for, except from itself (waiting there would never
/// return, e.g. when stop() is called from a callback running on it).
final class ThreadHandle: Sendable {
  private let exited = DispatchSemaphore(value: 0)
  private let threadId = Atomic<UInt>(0)

  init(name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread { [self] in
      threadId.store(Self.currentThreadId, ordering: .releasing)
      body()
      exited.signal()
    }
    thread.name = name
    thread.start()
  }

  /// Waits for the thread's body to return; call at most once.
  func join() {
    guard threadId.load(ordering: .acquiring) != Self.currentThreadId else { return }
    exited.wait()
  }

  private static var currentThreadId: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }
}
