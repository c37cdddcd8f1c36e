import LogviewCore

/// Draws a list of records (the stream or the errors pane): one row each, the selection
/// highlighted, search hits marked.
public struct RecordList {
  public var formatter: RowFormatter
  public var palette: Palette

  public init(formatter: RowFormatter, palette: Palette) {
    self.formatter = formatter
    self.palette = palette
  }

  /// `logIndex(row)` maps list rows to log indices; `count` rows in all.
  public func render(
    into buffer: inout CellBuffer, rect: Rect, data: ViewData, count: Int,
    position: ListPosition, focused: Bool, horizontalOffset: Int, search: SearchTerm?,
    showSource: Bool = false, marks: Marks = Marks(), logIndex: (Int) -> Int
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0, rect.width > 0 else { return }
    if count == 0 {
      buffer.put("  (no records)", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
      return
    }
    let textRect = MarkGutter.textRect(rect, marks: marks)
    for line in 0..<rect.height {
      let row = position.top + line
      guard row < count else { break }
      let index = logIndex(row)
      let source = showSource ? data.sourceLabel(logIndex: index) : nil
      let text = data.withRecord(logIndex: index) { formatter.row($0, source: source) }
      let y = rect.y + line
      let selected = row == position.selected
      var base: Style? = nil
      if selected {
        base = focused ? palette.selection : Style(bold: true, underline: true)
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base!)
      }
      MarkGutter.draw(
        into: &buffer, x: rect.x, y: y, logIndex: index, marks: marks, palette: palette)
      text.draw(
        into: &buffer, x: textRect.x, y: y, width: textRect.width, offset: horizontalOffset,
        base: base)
      if let search {
        markHits(
          of: search, in: text, buffer: &buffer, rect: textRect, y: y, offset: horizontalOffset)
      }
    }
  }

  /// Highlights visible occurrences of the search term in a drawn row.
  func markHits(
    of term: SearchTerm, in text: RowText, buffer: inout CellBuffer, rect: Rect, y: Int,
    offset: Int
  ) {
    let plain = text.plainText
    let utf8 = plain.utf8
    for range in term.ranges(in: plain) {
      // Byte offsets to columns: a match never starts or ends inside a character, since
      // the needle is whole UTF-8 and folding only touches ASCII letters.
      let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
      let end = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
      let startColumn = DisplayWidth.of(plain[..<start]) - offset
      let width = DisplayWidth.of(plain[start..<end])
      let x = rect.x + max(0, startColumn)
      let visibleWidth = min(width + min(0, startColumn), rect.x + rect.width - x)
      if visibleWidth > 0 {
        buffer.restyle(Rect(x: x, y: y, width: visibleWidth, height: 1)) { style in
          style = palette.highlight
        }
      }
    }
  }
}
