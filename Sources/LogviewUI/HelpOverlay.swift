/// `?`: every key, in a box over the stream.
public enum HelpOverlay {
  public static let entries: [(String, String)] = [
    ("↑ ↓  j k", "move the selection"),
    ("PgUp PgDn  Space", "page up / down"),
    ("g G  Home End", "first / last record (End and G resume following)"),
    ("F", "resume following new records"),
    ("← →  h l  0", "scroll long rows sideways / back to the start"),
    ("s", "show or hide each row's source file"),
    ("mouse wheel", "scroll"),
    ("e E", "next / previous error"),
    ("w W", "next / previous warning"),
    ("f  :", "edit the filter (applies as you type)"),
    ("  Enter Esc", "keep the filter / restore the previous one and selection"),
    ("  Tab", "complete a field name, or a value after field="),
    ("  ↑ ↓", "earlier filters"),
    ("  Ctrl-U Ctrl-W", "delete to start / delete word"),
    ("/", "regex search, smart case (from the top of the screen)"),
    ("n N", "next / previous hit (wraps around; the bar counts hits)"),
    ("Enter", "show or hide the record's details"),
    ("Ctrl-D Ctrl-U", "scroll long details down / up"),
    ("c  r", "correlation view: every record with this request ID"),
    ("  o", "open the selected record in the stream"),
    ("t", "show or hide the errors and warnings pane"),
    ("Tab", "move focus between the stream and the errors pane"),
    ("Esc", "close details, correlation or a prompt"),
    ("?", "this help"),
    ("q  Ctrl-C", "quit"),
  ]

  public static func render(into buffer: inout CellBuffer, rect: Rect, palette: Palette) {
    let keyWidth = 18
    let width = min(rect.width, 78)
    let height = min(rect.height, entries.count + 4)
    let box = Rect(
      x: rect.x + max(0, (rect.width - width) / 2), y: rect.y + max(0, (rect.height - height) / 2),
      width: width, height: height)
    buffer.fill(box, style: .plain)
    drawFrame(into: &buffer, box, title: " logview keys — any key closes ", palette: palette)
    for (i, entry) in entries.prefix(max(0, height - 4)).enumerated() {
      let y = box.y + 2 + i
      buffer.put(entry.0, x: box.x + 2, y: y, style: palette.title, maxWidth: keyWidth)
      buffer.put(
        entry.1, x: box.x + 2 + keyWidth, y: y, style: .plain, maxWidth: box.width - keyWidth - 4)
    }
  }

  static func drawFrame(into buffer: inout CellBuffer, _ box: Rect, title: String, palette: Palette)
  {
    guard box.width >= 2, box.height >= 2 else { return }
    let horizontal = String(repeating: "─", count: box.width - 2)
    buffer.put("┌" + horizontal + "┐", x: box.x, y: box.y, style: palette.dim)
    buffer.put("└" + horizontal + "┘", x: box.x, y: box.y + box.height - 1, style: palette.dim)
    for y in (box.y + 1)..<(box.y + box.height - 1) {
      buffer.put("│", x: box.x, y: y, style: palette.dim)
      buffer.put("│", x: box.x + box.width - 1, y: y, style: palette.dim)
    }
    buffer.put(title, x: box.x + 2, y: box.y, style: palette.title, maxWidth: box.width - 4)
  }
}
