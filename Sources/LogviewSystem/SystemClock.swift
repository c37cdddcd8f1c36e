import Glibc

/// The two clocks logview reads: wall time for "now" (relative filters, traces) and a
/// clock that never jumps for intervals (debounce, frame pacing, timeouts).
public enum SystemClock {
  /// Nanoseconds since the Unix epoch (CLOCK_REALTIME).
  public static func wallNanos() -> Int64 { read(CLOCK_REALTIME) }

  /// Nanoseconds since an arbitrary start (CLOCK_MONOTONIC).
  public static func monotonicNanos() -> Int64 { read(CLOCK_MONOTONIC) }

  private static func read(_ clock: clockid_t) -> Int64 {
    var now = timespec()
    clock_gettime(clock, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
  }
}
