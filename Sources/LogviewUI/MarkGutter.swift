import LogviewCore

/// The sign at the start of a marked record's row (stream, errors pane, correlation view).
/// The gutter takes its two columns only while some record is marked, so a view without
/// marks looks as it always did.
enum MarkGutter {
  static let sign = "▌"

  static func width(_ marks: Marks) -> Int { marks.isEmpty ? 0 : 2 }

  /// What is left of a row's `rect` for its text.
  static func textRect(_ rect: Rect, marks: Marks) -> Rect {
    let width = min(rect.width, self.width(marks))
    return Rect(x: rect.x + width, y: rect.y, width: rect.width - width, height: rect.height)
  }

  /// The sign, on the row at `y`, when the row's record (`logIndex`) is marked.
  static func draw(
    into buffer: inout CellBuffer, x: Int, y: Int, logIndex: Int, marks: Marks, palette: Palette
  ) {
    guard !marks.isEmpty, marks.contains(logIndex) else { return }
    let style = palette.colors ? Style(fg: .cyan, bold: true) : Style(bold: true)
    buffer.put(sign, x: x, y: y, style: style)
  }
}
