import LogviewSystem

/// What the tools' keys leave for the controller to carry out: bytes to copy (sent by the
/// terminal layer), a view to save (written on a thread), entries to keep in the history.
extension ExplorerController {
  /// Earlier runs' filters and searches, oldest first, for ↑ in the bars.
  public func loadHistory(_ kind: PromptHistory, _ entries: [String]) {
    switch kind {
    case .filter: state.filterEditor.setHistory(entries)
    case .search: state.searchEditor.setHistory(entries)
    }
  }

  /// A note of the command line's for the bar (shown until the next key).
  public func showNote(_ text: String) { state.notice = text }

  /// The bytes `y` copied, once: the terminal sends them after the frame.
  public func takeClipboard() -> [UInt8]? {
    defer { state.clipboard = nil }
    return state.clipboard
  }

  /// After each key: hands new history entries on and starts a requested save.
  func carryOutTools(filterHistory: [String], searchHistory: [String]) {
    if state.filterEditor.history != filterHistory, let entry = state.filterEditor.history.last {
      onRemember?(.filter, entry)
    }
    if state.searchEditor.history != searchHistory, let entry = state.searchEditor.history.last {
      onRemember?(.search, entry)
    }
    if state.quit, let saver, !quitWhileSaving {
      // Quitting now would leave the file cut short: ask for a second q.
      state.quit = false
      quitWhileSaving = true
      state.notice = "still saving to \(saver.shownPath): q again quits and leaves it incomplete"
      return
    }
    if let request = state.save.request {
      state.save.request = nil
      startSave(request)
    }
  }

  private func startSave(_ request: SaveRequest) {
    if request.kind == .bundle { return startBundle(request) }
    guard saver == nil else {
      state.notice = "a save is still being written"
      return
    }
    let home = UserPaths.home(environment: ProcessEnvironment.current())
    let path = UserPaths.expandingTilde(request.path, home: home)
    let file: OutputFile
    do {
      file = try OutputFile(path: path, shownPath: request.path, replace: request.replace)
    } catch .exists(let shown) {
      // Asked in the bar; `y` comes back here with replace set.
      state.mode = .save
      state.save.confirming = shown
      return
    } catch {
      state.notice = "not saved: \(error)"
      return
    }
    saver = ViewSaver(
      file: file, log: log, records: records(of: request.list), redact: data.redact)
    showSaveProgress()
  }

  private func records(of list: ActiveList) -> ViewSaver.Records {
    switch list {
    case .stream: .snapshot(data.snapshot)
    case .errors: .indices(data.errorRows.map { data.logIndex(row: $0) })
    case .correlation: .indices(state.correlation?.records ?? [])
    }
  }

  /// On each refresh while a save runs: its progress in the bar, then how it ended.
  func showSaveProgress() {
    guard let saver else { return }
    let records = "\(StatusLine.grouped(saver.total)) record\(saver.total == 1 ? "" : "s")"
    switch saver.result {
    case nil:
      // Progress replaces only itself: a key's own note (`still saving`) stays until the next key.
      guard state.notice == nil || state.notice?.hasPrefix("saving ") == true else { return }
      state.notice =
        "saving \(StatusLine.grouped(saver.progress)) of \(records) to \(saver.shownPath)…"
    case .success(let bytes):
      self.saver = nil
      quitWhileSaving = false
      if case .bundle(let files) = saver.kind {
        state.notice =
          files.writtenNote(records: saver.total)
          + (saver.partial ? "; the scan was still running: later records are not in it" : "")
        return
      }
      state.notice =
        "saved \(records) to \(saver.shownPath) (\(StatusLine.grouped(bytes)) bytes)"
        + (saver.partial ? "; the filter was still running: later matches are not in it" : "")
    case .failure(let error):
      self.saver = nil
      quitWhileSaving = false
      if case .bundle = saver.kind {
        state.notice = "no bundle written: \(error)"
        return
      }
      state.notice = "not saved: \(error)"
    }
  }
}
