import Dispatch
import Glibc

/// Runs independent pieces of work on all cores.
public enum Parallel {
  public static let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// `transform(i)` for i in 0..<count, spread over the cores; results in index order.
  public static func map<T>(_ count: Int, _ transform: (Int) -> T) -> [T] {
    if count <= 1 { return count == 1 ? [transform(0)] : [] }
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
      _ = slots.deinitialize()
      slots.deallocate()
    }
    forEach(count) { i in slots[i] = transform(i) }
    return slots.map { $0! }
  }

  /// Calls `body(i)` for i in 0..<count on all cores; returns when all are done.
  public static func forEach(_ count: Int, _ body: (Int) -> Void) {
    if count <= 1 {
      if count == 1 { body(0) }
      return
    }
    withoutActuallyEscaping(body) { body in
      let box = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: count) { i in box.value(i) }
    }
  }
}

/// Lets a value cross into concurrentPerform when the code guarantees there is no shared
/// mutation (each iteration writes only its own slot, or under a lock).
public struct UncheckedSendable<T>: @unchecked Sendable {
  public let value: T
  public init(_ value: T) { self.value = value }
}
