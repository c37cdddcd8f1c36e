import LogviewCore

/// The signs at the start of a row (stream, errors pane, correlation view): `▌` for a marked
/// record, then `!` for one holding a secret or `•` for one holding personal data only. The
/// gutter takes its two columns only while some record is marked or some record was found
/// with secrets or personal data, so a view without either looks as it always did.
enum MarkGutter {
  static let sign = "▌"
  static let secretFlag = "!"
  static let piiFlag = "•"

  static func width(_ marks: Marks, flags: Bool = false) -> Int {
    marks.isEmpty && !flags ? 0 : 2
  }

  /// What is left of a row's `rect` for its text.
  static func textRect(_ rect: Rect, marks: Marks, flags: Bool = false) -> Rect {
    let width = min(rect.width, self.width(marks, flags: flags))
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

  /// The flag in the gutter's second column for a record holding `groups`.
  static func drawFlag(
    into buffer: inout CellBuffer, x: Int, y: Int, groups: SensitiveGroups, palette: Palette
  ) {
    guard !groups.isEmpty else { return }
    let secret = groups.contains(.secret)
    let color: TermColor = secret ? .red : .yellow
    let style = palette.colors ? Style(fg: color, bold: true) : Style(bold: true)
    buffer.put(secret ? secretFlag : piiFlag, x: x + 1, y: y, style: style)
  }
}
