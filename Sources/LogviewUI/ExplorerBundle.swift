import LogviewBundle
import LogviewSystem

/// `b`'s request: the request view's records written as an incident bundle by the saver's
/// thread (read, redacted, rendered and written off the screen's thread), its outcome in the
/// bar as a save's is.
extension ExplorerController {
  func startBundle(_ request: SaveRequest) {
    guard saver == nil else {
      state.notice = "a save is still being written"
      return
    }
    guard let correlation = state.correlation, !correlation.records.isEmpty else {
      state.notice = "no bundle written: the request view is closed"
      return
    }
    let home = UserPaths.home(environment: ProcessEnvironment.current())
    let files = BundleFiles(
      path: UserPaths.expandingTilde(request.path, home: home), shownPath: request.path)
    if let input = files.replaces(anyOf: log.sources.map(\.name)) {
      state.notice = "no bundle written: \(request.path) would replace the input \(input)"
      return
    }
    if !request.replace, files.existing() != nil {
      // Asked in the bar; `y` comes back here with replace set.
      state.mode = .save
      state.save.kind = .bundle
      state.save.confirming = request.path
      return
    }
    let bundle = IncidentBundle(
      subject: correlation.field?.path ?? "request", id: correlation.requestId,
      redaction: .standard)
    saver = ViewSaver(
      bundle: bundle, files: files, replace: request.replace, log: log,
      records: correlation.records, options: data.normalizerOptions,
      partial: correlation.field?.scanning(data) ?? false)
    showSaveProgress()
  }
}
