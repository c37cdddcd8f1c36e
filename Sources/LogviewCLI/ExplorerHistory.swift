import LogviewSystem
import LogviewUI

/// The explorer's filter and search histories across runs: files `filter-history` and
/// `search-history` in `$XDG_STATE_HOME/logview` (by default `~/.local/state/logview`).
/// A state directory that cannot be read or written costs the history, never the run, and
/// says so once.
@MainActor
enum ExplorerHistory {
  static func file(_ kind: PromptHistory, directory: String) -> HistoryFile {
    switch kind {
    case .filter: HistoryFile(directory: directory, name: "filter-history")
    case .search: HistoryFile(directory: directory, name: "search-history")
    }
  }

  /// Loads both histories into `controller` and keeps each entry remembered from now on.
  static func attach(to controller: ExplorerController, environment: [String: String]) {
    guard let directory = UserPaths.stateDirectory(environment: environment) else { return }
    for kind in PromptHistory.allCases {
      controller.loadHistory(kind, file(kind, directory: directory).load())
    }
    var noted = false
    controller.onRemember = { [weak controller] kind, entry in
      do {
        try file(kind, directory: directory).remember(entry)
      } catch {
        guard !noted else { return }
        noted = true
        // The bar shows notes through MessageText (the path may hold anything).
        controller?.showNote("history not kept: \(error)")
      }
    }
  }
}
