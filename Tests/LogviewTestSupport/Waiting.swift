import Foundation

/// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
/// For tests that watch another thread or process make progress.
public func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while !condition() {
    if Date() >= deadline { return condition() }
    Thread.sleep(forTimeInterval: 0.01)
  }
  return true
}
