import LogviewCore

/// Enter: the selected record's fields pretty-printed (nested objects indented, long values
/// wrapped), then its raw text, with the source file and line number in the title. Beside
/// the time field its normalized time in the chosen zone, beside a level written otherwise
/// its normalized level. Tab gives it a cursor over the fields; a field hidden from the
/// rows has a '-' in the margin.
public enum DetailPane {
  public static func render(
    into buffer: inout CellBuffer, rect: Rect, logIndex: Int?, data: ViewData, state: AppState,
    palette: Palette
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0 else { return }
    let rule = String(repeating: "─", count: max(0, rect.width))
    buffer.put(rule, x: rect.x, y: rect.y, style: palette.dim)
    guard let logIndex else {
      buffer.put(" details: no record selected ", x: rect.x + 2, y: rect.y, style: palette.title)
      return
    }
    let focused = state.detailCursor.focused
    var title = " \(data.sourceName(logIndex: logIndex)):\(data.log.line(at: logIndex)) — "
    title +=
      focused
      ? "j/k field  = ! filter  c correlate  x column  Esc back "
      : "Tab fields  Enter/Esc close "
    let hidden = state.columns.hidden
    if !hidden.isEmpty { title += "· \(hidden.count) hidden in rows (-) " }
    buffer.put(title, x: rect.x + 2, y: rect.y, style: palette.title, maxWidth: rect.width - 4)
    let text = data.detailText(logIndex: logIndex, width: rect.width - 2)
    let height = rect.height - 1
    // Scrolled no further than the last screenful.
    let count = text.ensure(lines: state.detailScroll + height)
    let top = min(state.detailScroll, max(0, count - height))
    let cursor = focused ? text.cursorLines(state.detailCursor.field) : nil
    for y in 0..<max(0, min(height, count - top)) {
      let index = top + y
      let row = text.row(index, palette: palette)
      let selected = cursor?.contains(index) ?? false
      let rowY = rect.y + 1 + y
      if selected {
        buffer.fill(
          Rect(x: rect.x, y: rowY, width: rect.width, height: 1), style: palette.selection)
      }
      if !hidden.isEmpty, let path = text.fieldPath(startingLine: index), hidden.contains(path) {
        buffer.put("-", x: rect.x, y: rowY, style: selected ? palette.selection : palette.title)
      }
      row.draw(
        into: &buffer, x: rect.x + 1, y: rowY, width: rect.width - 1,
        base: selected ? palette.selection : nil)
    }
  }
}
