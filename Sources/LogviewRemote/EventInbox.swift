import LogviewSystem
import Synchronization

/// Where a network task leaves what it received for a reader thread, which waits for it
/// or for its stop pipe.
final class EventInbox<Event: Sendable>: Sendable {
  private let events = Mutex<[Event]>([])
  private let arrived = WakePipe()

  func post(_ event: Event) {
    events.withLock { $0.append(event) }
    arrived.wake()
  }

  /// What arrived, waiting for something; nil when `stop` was woken (after `onStop`);
  /// empty when nothing came for `milliseconds`.
  func next(stop: WakePipe, milliseconds: Int? = nil, onStop: () -> Void) -> [Event]? {
    while true {
      let ready = events.withLock { queue -> [Event] in
        defer { queue.removeAll() }
        return queue
      }
      if !ready.isEmpty { return ready }
      let waited = stop.wait(for: arrived.readDescriptor, milliseconds: milliseconds)
      if waited.woken {
        onStop()
        return nil
      }
      if !waited.ready { return [] }
      _ = arrived.drain()
    }
  }
}
