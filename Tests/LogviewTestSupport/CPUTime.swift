import Glibc

/// The CPU time `body` takes on the calling thread, in seconds. Tests that bound how long
/// something takes measure this rather than the wall clock: tests run in parallel, on a
/// machine shared with other builds, and waiting for a core is not the code's cost.
public func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
  func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
  let start = now()
  try body()
  return now() - start
}
