import LogviewCore
import LogviewStore

@testable import LogviewUI

/// The `/` search's hits found at once, for reducer and render tests (the explorer finds
/// them on the search engine's thread): the rows of the filtered view the term matches.
enum SearchTestSupport {
  static func hits(_ term: SearchTerm, data: ViewData) -> SearchHits {
    let matches = (0..<data.rowCount).map(data.logIndex(row:)).filter { index in
      data.log.withText(at: index) { text, _ in term.occurs(in: text) }
    }
    var snapshot = FilteredSnapshot(
      matches: matches, scanned: data.log.count, total: data.log.count, complete: true,
      generation: 1)
    snapshot.decided = 0..<data.log.count
    return SearchHits(term: term.text, snapshot: snapshot)
  }

  /// After a key: the state's search gets its hits, and a waiting jump is taken.
  static func settle(_ state: inout AppState, data: ViewData, height: Int) {
    guard let term = state.searchState.term else { return }
    if data.hits?.term != term.text { data.hits = hits(term, data: data) }
    Reducer.resolveSearch(&state, data: data, height: height)
  }

  /// A log of these JSON messages (info, or error when the text says "error"), unfiltered.
  static func data(messages: [String]) -> ViewData {
    let log = LiveLog(options: NormalizerOptions(), sources: ["test.log"])
    let text =
      messages.map { message in
        let level = message.contains("error") ? "error" : "info"
        return #"{"level":"\#(level)","msg":"\#(message)"}"#
      }.joined(separator: "\n") + "\n"
    Array(text.utf8).withUnsafeBytes { _ = log.append($0, source: 0) }
    let snapshot = FilteredSnapshot(
      matches: [], scanned: log.count, total: log.count, complete: true, generation: 1)
    var all = snapshot
    all.isAll = true
    all.allCount = log.count
    return ViewData(log: log, options: NormalizerOptions(), snapshot: all)
  }
}
