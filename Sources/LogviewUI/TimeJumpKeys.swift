import LogviewCore

/// Keys of the `T` prompt, and moving the stream to a time.
extension Reducer {
  static func openTimePrompt(_ state: inout AppState) {
    state.mode = .time
    state.timeEditor.set("")
  }

  static func handleTimeKey(_ key: Key, state: inout AppState, data: ViewData, layout: Layout) {
    switch key {
    case .escape:
      state.mode = .browse
    case .enter:
      state.mode = .browse
      let text = state.timeEditor.text
      state.timeEditor.remember(text)
      guard let newest = TimeJump.newestTime(in: data.log) else {
        state.notice = TimeJumpError.noTimes.message(zone: data.zone)
        return
      }
      switch TimeJump.target(text, newest: newest, zone: data.zone) {
      case .success(let target):
        state.main = .stream
        jump(&state, data: data, layout: layout, to: target, asked: target)
      case .failure(let error):
        state.notice = error.message(zone: data.zone)
      }
    default:
      _ = state.timeEditor.apply(key)
    }
  }

  /// Selects the first row at or after `target` (off screen: centered); says where it landed.
  static func jump(
    _ state: inout AppState, data: ViewData, layout: Layout, to target: Int64, asked: Int64
  ) {
    guard let row = TimeJump.firstRow(atOrAfter: target, data: data) else {
      let newest = TimeJump.newestTime(in: data.log)
      state.notice =
        (newest.map { TimeJumpError.nothingAfter(target: asked, newest: $0) }
        ?? .noTimes).message(zone: data.zone)
      return
    }
    reveal(&state, row: row, count: data.rowCount, height: layout.listHeight(state))
    if let time = data.log.record(at: data.logIndex(row: row)).timestamp {
      state.notice = "at \(BucketLabels.display(time, zone: data.zone))"
    }
  }
}
