import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// The render tests' one way to drive and compare a screen: keys pressed as the controller
/// would (the search's hits settled after each), then the screen, styles included, against
/// `Tests/LogviewUITests/Snapshots/NAME-WxH.txt` (RECORD_SNAPSHOTS=1 re-records).
enum ScreenSnapshot {
  static func press(_ keys: [Key], state: inout AppState, data: ViewData, width: Int, height: Int) {
    for key in keys {
      let layout = Layout(width: width, height: height, state: state)
      Reducer.handle(key, state: &state, data: data, layout: layout)
      SearchTestSupport.settle(&state, data: data, height: layout.listHeight(state))
    }
  }

  static func expect(
    _ name: String, state: AppState, data: ViewData, width: Int, height: Int, colors: Bool = true
  ) {
    var state = state
    // As the controller does after each key: the selection in view.
    let layout = Layout(width: width, height: height, state: state)
    state.stream.clamp(count: data.rowCount, height: layout.listHeight(state))
    let screen = InMemoryScreen(width: width, height: height)
    let view = AppView(palette: Palette(colors: colors), zone: .utc)
    screen.present(
      view.render(state: state, data: data, rate: RateMeter(), width: width, height: height))
    Snapshot.expect(
      screen.styledText + "\n",
      matches: "Tests/LogviewUITests/Snapshots/\(name)-\(width)x\(height).txt")
  }
}
