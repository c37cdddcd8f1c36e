/// Where each part of the screen goes for a given size and state.
public struct Layout: Equatable, Sendable {
  public var width: Int
  public var height: Int
  public var status: Rect
  /// The stream (or correlation list).
  public var main: Rect
  /// The errors pane, beside the stream on wide screens, under it otherwise.
  public var errors: Rect?
  public var detail: Rect?
  public var bottom: Rect

  /// Smallest size the explorer draws in; below it a short notice is shown instead.
  public static let minimumWidth = 30
  public static let minimumHeight = 6

  public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

  public init(width: Int, height: Int, state: AppState) {
    self.width = width
    self.height = height
    status = Rect(x: 0, y: 0, width: width, height: 1)
    bottom = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
    var body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
    if state.showDetail, body.height >= 6 {
      let detailHeight = body.height * 2 / 5
      detail = Rect(
        x: 0, y: body.y + body.height - detailHeight, width: width, height: detailHeight)
      body.height -= detailHeight
    }
    if state.showErrorsPane, state.main == .stream {
      if width >= 140 {
        let paneWidth = width * 2 / 5
        errors = Rect(x: width - paneWidth, y: body.y, width: paneWidth, height: body.height)
        body.width -= paneWidth + 1
      } else if body.height >= 8 {
        let paneHeight = body.height / 3
        errors = Rect(x: 0, y: body.y + body.height - paneHeight, width: width, height: paneHeight)
        body.height -= paneHeight
      }
    }
    main = body
  }

  /// Rows of records in the main list (the correlation view spends two on its header).
  public func listHeight(_ state: AppState) -> Int {
    state.main == .correlation ? max(1, main.height - 3) : max(1, main.height)
  }

  /// Rows of the errors pane below its title.
  public var errorsListHeight: Int { max(1, (errors?.height ?? 2) - 1) }
}
