import LogviewCore
import Synchronization

/// Reusable Normalizers for work spread over threads, all sharing one plan (its key tables
/// are built once): each thread borrows one for a piece of work and gives it back.
final class NormalizerPool: @unchecked Sendable {
  private let plan: NormalizerPlan
  private let free = Mutex<[UncheckedNormalizer]>([])

  init(options: NormalizerOptions) { plan = NormalizerPlan(options: options) }

  func withNormalizer<R>(_ body: (Normalizer) -> R) -> R {
    let taken = free.withLock { $0.popLast() } ?? UncheckedNormalizer(Normalizer(plan: plan))
    defer { free.withLock { $0.append(taken) } }
    return body(taken.normalizer)
  }
}

/// A Normalizer crossing threads: it is used by one thread at a time (borrowed from the pool).
struct UncheckedNormalizer: @unchecked Sendable {
  let normalizer: Normalizer
  init(_ normalizer: Normalizer) { self.normalizer = normalizer }
}
