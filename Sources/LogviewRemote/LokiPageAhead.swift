import LogviewSystem
import Synchronization

/// One page of a Loki window asked for on a thread of its own, so that the reader can turn
/// the page before it into records meanwhile; `outcome` waits for it.
final class LokiPageAhead: Sendable {
  typealias Fetched = (page: LokiPage, done: Bool, pager: LokiPager)

  /// Where the thread leaves what it got.
  private final class Slot: Sendable {
    let value = Mutex<Result<Fetched, StoreError>?>(nil)
  }

  private let slot = Slot()
  private let thread: ThreadHandle

  init(_ client: LokiClient, query: LokiQuery, pager: LokiPager, end: Int64, stop: WakePipe) {
    let slot = self.slot
    thread = ThreadHandle(name: "logview-loki-page") {
      var pager = pager
      do throws(StoreError) {
        guard let got = try pager.next(client, query: query, end: end, stop: stop) else { return }
        slot.value.withLock { $0 = .success((got.page, got.done, pager)) }
      } catch {
        slot.value.withLock { $0 = .failure(error) }
      }
    }
  }

  /// The page and the pager past it, or the error; nil when stopped.
  func outcome() -> Result<Fetched, StoreError>? {
    thread.join()
    return slot.value.withLock { $0 }
  }
}
