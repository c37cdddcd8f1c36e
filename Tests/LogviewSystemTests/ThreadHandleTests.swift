import Foundation
import Synchronization
import Testing

@testable import LogviewSystem

struct ThreadHandleTests {
  /// The body runs on a thread of its own, named as `top -H` shows it (15 bytes kept).
  @Test func runsTheBodyOnANamedThreadAndJoins() {
    let seen = Mutex<String?>(nil)
    let handle = ThreadHandle(name: "logview-test-thread-long-name") {
      let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
      seen.withLock { $0 = name.trimmingCharacters(in: .newlines) }
    }
    handle.join()
    #expect(seen.withLock { $0 } == "logview-test-th")
    #expect(!handle.isCurrent)
  }
}
