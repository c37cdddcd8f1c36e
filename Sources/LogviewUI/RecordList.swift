import Foundation
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
    showSource: Bool = false, logIndex: (Int) -> Int
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0, rect.width > 0 else { return }
    if count == 0 {
      buffer.put("  (no records)", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
      return
    }
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
      text.draw(
        into: &buffer, x: rect.x, y: y, width: rect.width, offset: horizontalOffset, base: base)
      if let search {
        markHits(of: search, in: text, buffer: &buffer, rect: rect, y: y, offset: horizontalOffset)
      }
    }
  }

  /// Highlights visible occurrences of the search term in a drawn row.
  func markHits(
    of term: SearchTerm, in text: RowText, buffer: inout CellBuffer, rect: Rect, y: Int,
    offset: Int
  ) {
    let plain = text.plainText
    let haystack = term.ignoreCase ? plain.lowercased() : plain
    guard haystack.count == plain.count else { return }
    var searchStart = haystack.startIndex
    let needle = term.ignoreCase ? term.text.lowercased() : term.text
    while let range = haystack.range(of: needle, range: searchStart..<haystack.endIndex) {
      let startColumn = DisplayWidth.of(haystack[..<range.lowerBound]) - offset
      let width = DisplayWidth.of(haystack[range])
      let x = rect.x + max(0, startColumn)
      let visibleWidth = min(width + min(0, startColumn), rect.x + rect.width - x)
      if visibleWidth > 0 {
        buffer.restyle(Rect(x: x, y: y, width: visibleWidth, height: 1)) { style in
          style = palette.highlight
        }
      }
      searchStart = range.upperBound
    }
  }
}
