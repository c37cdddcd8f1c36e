import LogviewSystem

/// The patterns pane's part of the controller: while the pane is open, the filtered rows
/// are handed to the PatternRunner and its newest result to the pane's table.
extension ExplorerController {
  /// Milliseconds between looks at the mining thread's result while it runs (it wakes no
  /// one itself: the pane polls while it fills in, and only then).
  static let patternPoll = 30

  func syncPatterns() {
    guard state.main == .patterns else {
      patternsStarted = nil
      return
    }
    if patternsStarted == nil { patternsStarted = SystemClock.wallNanos() }
    patternRunner.sync(data.snapshot)
    data.patterns.update(patternRunner.progress)
    data.patterns.pending = patternRunner.pending
    if !data.patterns.mining, data.snapshot.complete, let started = patternsStarted,
      started != 0
    {
      patternsStarted = 0
      trace?.trace.event(
        "patterns-complete \(data.patterns.mined) records", since: started)
    }
  }
}
