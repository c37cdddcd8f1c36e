import Glibc

/// poll() on descriptors; nil timeout waits forever (no periodic wake-ups when idle).
public enum Poller {
  /// Returns, for each descriptor, whether it is readable (or hung up, or in error: anything
  /// the caller must look at, so it never spins on an unreported condition). Negative
  /// descriptors are ignored (always false). A signal interrupting the wait returns at once
  /// when it made a descriptor readable (SignalBridge's pipe); otherwise the wait resumes
  /// with the time left. With no descriptors and no timeout it returns at once.
  public static func wait(_ descriptors: [Int32], timeoutMilliseconds: Int?) -> [Bool] {
    if descriptors.isEmpty && timeoutMilliseconds == nil { return [] }
    var entries = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    let clock = ContinuousClock()
    let deadline = timeoutMilliseconds.map { clock.now.advanced(by: .milliseconds(max(0, $0))) }
    var timeout: Int32 = timeoutMilliseconds.map { Int32(clamping: max(0, $0)) } ?? -1
    while true {
      let count = poll(&entries, nfds_t(entries.count), timeout)
      if count >= 0 { return entries.map { $0.revents != 0 } }
      guard errno == EINTR else { return Array(repeating: false, count: entries.count) }
      // Interrupted: the handler has already written to its pipe, so look without waiting.
      for index in entries.indices { entries[index].revents = 0 }
      if poll(&entries, nfds_t(entries.count), 0) > 0 { return entries.map { $0.revents != 0 } }
      for index in entries.indices { entries[index].revents = 0 }
      if let deadline {
        let left = clock.now.duration(to: deadline)
        if left <= .zero { return Array(repeating: false, count: entries.count) }
        // Round up so a sub-millisecond remainder still waits instead of spinning.
        let parts = left.components
        let millis =
          parts.seconds * 1000 + (parts.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        timeout = Int32(clamping: millis)
      }
    }
  }
}
