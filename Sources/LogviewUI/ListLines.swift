/// How many screen lines each row of a record list takes: one when rows are cut at the edge;
/// when wrapped, as many as the row's text needs, at most the list's height. Rows are
/// measured only near the view (a few screenfuls at most per key), each once.
final class ListLines {
  /// Lines of the list on screen.
  let height: Int
  private let measure: ((Int) -> Int)?
  private var measured: [Int: Int] = [:]

  /// `measure`: the lines of a row; nil when every row takes one.
  init(height: Int, measure: ((Int) -> Int)? = nil) {
    self.height = max(1, height)
    self.measure = measure
  }

  /// The stream's rows as `state` shows them in `layout`.
  static func stream(state: AppState, data: ViewData, layout: Layout) -> ListLines {
    let height = layout.listHeight(state)
    guard state.rows.wrap else { return ListLines(height: height) }
    let list = RecordList.stream(
      RowFormatter(palette: Palette(colors: false), zone: data.zone), state: state)
    let width = layout.main.width
    return ListLines(height: height) { row in
      list.lineCount(logIndex: data.logIndex(row: row), data: data, width: width, maxLines: height)
    }
  }

  /// The errors pane's rows.
  static func errors(state: AppState, data: ViewData, layout: Layout) -> ListLines {
    let height = layout.errorsListHeight
    guard state.rows.wrap, let pane = layout.errors else { return ListLines(height: height) }
    let list = RecordList.errors(
      RowFormatter(palette: Palette(colors: false), zone: data.zone), state: state)
    return ListLines(height: height) { row in
      let index = data.logIndex(row: data.errorRows[row])
      return list.lineCount(logIndex: index, data: data, width: pane.width, maxLines: height)
    }
  }

  var wraps: Bool { measure != nil }

  func lines(_ row: Int) -> Int {
    guard let measure else { return 1 }
    if let known = measured[row] { return known }
    let lines = max(1, min(height, measure(row)))
    measured[row] = lines
    return lines
  }

  /// Keeps the selection within 0..<count and wholly on screen, moving `top` as little as
  /// possible, and leaves no empty lines at the bottom while rows above could fill them.
  func clamp(_ position: inout ListPosition, count: Int) {
    guard wraps, count > 0 else { return position.clamp(count: count, height: height) }
    position.selected = min(max(position.selected, 0), count - 1)
    position.top = min(max(position.top, 0), count - 1)
    if position.selected < position.top {
      position.top = position.selected
    } else {
      position.top = firstTop(showing: position.selected, notBefore: position.top)
    }
    // More rows below the top than lines on screen fill it whatever their lines.
    if count - position.top <= height {
      position.top = min(position.top, firstTop(showing: count - 1))
    }
  }

  /// Like `clamp`, after a change that may have pulled `top` back only to fill the screen
  /// as if rows were one line each: from `before`'s top then, so the view does not jump.
  func settle(_ position: inout ListPosition, before: ListPosition, count: Int) {
    if position.selected >= before.top, position.top < before.top { position.top = before.top }
    clamp(&position, count: count)
  }

  /// The smallest top from which `row` is still wholly on screen, no smaller than `floor`.
  func firstTop(showing row: Int, notBefore floor: Int = 0) -> Int {
    var top = row
    var used = lines(row)
    while top > floor {
      let above = lines(top - 1)
      guard used + above <= height else { break }
      used += above
      top -= 1
    }
    return top
  }

  /// The row drawn on screen line `line` (0 = the list's first) from `top`, if any.
  func row(atLine line: Int, top: Int, count: Int) -> Int? {
    var y = 0
    var row = top
    while row < count, y < height {
      y += lines(row)
      if line < y { return row }
      row += 1
    }
    return nil
  }

  /// Rows wholly on screen from `top` (at least one).
  func rowsShown(from top: Int, count: Int) -> Int {
    var used = 0
    var row = top
    while row < count, used + lines(row) <= height {
      used += lines(row)
      row += 1
    }
    return max(1, row - top)
  }

  /// A page down or up: the view scrolls by the rows of a screenful (those wholly shown, or
  /// those that fill the screen above), the selection by as many rows, as less does.
  func page(_ position: inout ListPosition, down: Bool, count: Int) {
    guard count > 0 else { return }
    let rows =
      down
      ? rowsShown(from: position.top, count: count)
      : max(1, position.top - firstTop(showing: max(0, position.top - 1)))
    let before = position
    position.top = max(0, before.top + (down ? rows : -rows))
    position.selected = before.selected + (down ? rows : -rows)
    if !down, before.top == 0 { position.selected = 0 }
    clamp(&position, count: count)
  }
}
