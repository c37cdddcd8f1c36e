/// `?`: every key, in a box over the stream.
public enum HelpOverlay {
  /// Key and what it does; an entry with no description is a section heading. Longer than
  /// a 24-line terminal: the box scrolls.
  public static let entries: [(String, String)] = [
    ("Moving", ""),
    ("↑ ↓  j k", "move the selection"),
    ("PgUp PgDn  Space", "page up / down"),
    ("g G  Home End", "first / last record (End and G resume following)"),
    ("F", "resume following new records"),
    ("← →  h l  0", "scroll long rows sideways / back to the start"),
    ("Ctrl-W", "wrap long rows onto the next lines, or cut them again"),
    ("s", "show or hide each row's source file"),
    ("mouse wheel", "scroll"),
    ("e E", "next / previous error"),
    ("w W", "next / previous warning"),
    ("Filter and search", ""),
    ("f  :", "edit the filter (applies as you type)"),
    ("  Enter Esc", "keep the filter / restore the previous one and selection"),
    ("  Tab", "complete a field name, or a value after field="),
    ("  ↑ ↓", "earlier filters (kept across runs)"),
    ("  Ctrl-U Ctrl-W", "delete to start / delete word"),
    ("/", "regex search, smart case (from the top of the screen)"),
    ("  ↑ ↓", "earlier searches (kept across runs)"),
    ("n N", "next / previous hit (wraps around; the bar counts hits)"),
    ("Marks, copy and save", ""),
    ("m", "mark or unmark the selected record"),
    ("u U", "next / previous marked record"),
    ("y", "copy the selected record's raw text to the clipboard"),
    ("S", "save the view (stream, errors or request) to a file"),
    ("Panes", ""),
    ("Enter", "show or hide the record's details"),
    ("Ctrl-D Ctrl-U", "scroll long details down / up"),
    ("Tab (details open)", "a cursor over the record's fields:"),
    ("  j k  ↑ ↓", "move to the next / previous field"),
    ("  =  !", "add field=value / not field=value to the filter"),
    ("  c", "every record sharing the field's ID"),
    ("  x", "hide or show the field's column in the rows"),
    ("  Esc", "back to the stream"),
    ("c  r", "correlation view: every record with this request ID"),
    ("  o", "open the selected record in the stream"),
    ("  b", "write its incident bundle (Markdown and NDJSON)"),
    ("i", "histogram of records per time, by level"),
    ("  + -  Enter", "zoom in / out, jump to the bucket's first record"),
    ("L", "latency: duration quantiles per service and route"),
    ("  Enter", "filter to the row's records at its p99 or slower"),
    ("p", "message patterns of the filtered records, most first"),
    ("  e  Enter", "most errors first / filter to the pattern (pattern=ID)"),
    ("T", "jump to a time (10:42, 2024-03-15 10:42:07, -15m)"),
    ("t", "show or hide the errors and warnings pane"),
    ("Tab", "move focus: stream, details, errors pane"),
    ("Esc", "close details, correlation or a prompt"),
    ("?", "this help (↑ ↓ PgUp PgDn Space scroll it)"),
    ("q  Ctrl-C", "quit"),
  ]

  /// Entry rows the box shows on a screen `screenHeight` rows high (the box leaves the
  /// status line and the bar, and spends four rows on its frame and margins).
  public static func visibleRows(screenHeight: Int) -> Int {
    max(1, min(screenHeight - 2, entries.count + 4) - 4)
  }

  /// `scroll`: entries scrolled off the top.
  public static func render(
    into buffer: inout CellBuffer, rect: Rect, scroll: Int, palette: Palette
  ) {
    let keyWidth = 18
    let width = min(rect.width, 78)
    let height = min(rect.height, entries.count + 4)
    let box = Rect(
      x: rect.x + max(0, (rect.width - width) / 2), y: rect.y + max(0, (rect.height - height) / 2),
      width: width, height: height)
    let rows = max(0, height - 4)
    let first = min(max(0, scroll), max(0, entries.count - rows))
    buffer.fill(box, style: .plain)
    let title =
      rows < entries.count
      ? " logview keys — ↑ ↓ scroll, any other key closes " : " logview keys — any key closes "
    drawFrame(into: &buffer, box, title: title, palette: palette)
    for (i, entry) in entries.dropFirst(first).prefix(rows).enumerated() {
      let y = box.y + 2 + i
      if entry.1.isEmpty {
        buffer.put(entry.0, x: box.x + 2, y: y, style: palette.title, maxWidth: box.width - 4)
        continue
      }
      buffer.put(entry.0, x: box.x + 4, y: y, style: palette.title, maxWidth: keyWidth)
      buffer.put(
        entry.1, x: box.x + 4 + keyWidth, y: y, style: .plain, maxWidth: box.width - keyWidth - 6)
    }
    drawScrollMarks(
      into: &buffer, box, above: first > 0, below: first + rows < entries.count, palette: palette)
  }

  /// "↑ more" on the top rule, "more ↓" on the bottom one, where entries are out of sight.
  static func drawScrollMarks(
    into buffer: inout CellBuffer, _ box: Rect, above: Bool, below: Bool, palette: Palette
  ) {
    guard box.width >= 12, box.height >= 2 else { return }
    if above {
      buffer.put(" ↑ more ", x: box.x + box.width - 10, y: box.y + 1, style: palette.dim)
    }
    if below {
      buffer.put(
        " more ↓ ", x: box.x + box.width - 10, y: box.y + box.height - 1, style: palette.title)
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
