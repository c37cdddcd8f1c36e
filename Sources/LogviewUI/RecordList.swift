import LogviewCore

/// Draws a list of records (the stream or the errors pane): one row each, cut at the edge or
/// wrapped onto the following screen lines, the selection highlighted, search hits marked.
public struct RecordList {
  public var formatter: RowFormatter
  public var palette: Palette
  /// Long rows continue on the next screen lines (horizontal scrolling is then unused).
  public var wrap = false
  /// Each row's source file first (the stream's `s`).
  public var showSource = false
  /// Marked records get a sign in a gutter before their text.
  public var marks = Marks()
  /// Records holding secrets or personal data get a flag in the gutter (`MarkGutter`).
  public var flags = false

  public init(formatter: RowFormatter, palette: Palette, wrap: Bool = false) {
    self.formatter = formatter
    self.palette = palette
    self.wrap = wrap
  }

  /// The stream's list as `state` lays it out; the same for drawing and for measuring rows.
  public static func stream(_ formatter: RowFormatter, state: AppState) -> RecordList {
    var list = RecordList(
      formatter: formatter.laidOut(for: state), palette: formatter.palette, wrap: state.rows.wrap)
    list.showSource = state.showSource
    list.marks = state.marks
    list.flags = state.findings.any
    return list
  }

  /// The errors pane's list: a narrower service column, no source names.
  public static func errors(_ formatter: RowFormatter, state: AppState) -> RecordList {
    var list = RecordList(
      formatter: formatter.laidOut(for: state), palette: formatter.palette, wrap: state.rows.wrap)
    list.formatter.serviceWidth = 12
    list.marks = state.marks
    list.flags = state.findings.any
    return list
  }

  /// The columns a row's text gets in a list `width` columns wide.
  func textWidth(_ width: Int) -> Int {
    MarkGutter.textRect(Rect(x: 0, y: 0, width: width, height: 1), marks: marks, flags: flags)
      .width
  }

  /// The row of log record `index` as text.
  /// `columns`: how many columns of it can be seen; the text is cut a little past them.
  func text(logIndex index: Int, data: ViewData, columns: Int) -> RowText {
    let source = showSource ? data.sourceLabel(logIndex: index) : nil
    var formatter = formatter
    // Four bytes at most per column, and some to spare for marks that take none.
    formatter.maxBytes = max(0, columns) * 4 + 64
    return data.withRecord(logIndex: index) { formatter.row($0, source: source) }
  }

  /// The screen lines a row takes: its text wrapped, or the text whole (cut when drawn).
  func lines(of text: RowText, width: Int, maxLines: Int) -> [RowText] {
    wrap ? text.wrapped(width: textWidth(width), maxLines: maxLines) : [text]
  }

  /// How many screen lines the row of log record `index` takes in a list `width` wide.
  func lineCount(logIndex index: Int, data: ViewData, width: Int, maxLines: Int) -> Int {
    guard wrap else { return 1 }
    let text = text(logIndex: index, data: data, columns: width * maxLines)
    return max(1, lines(of: text, width: width, maxLines: maxLines).count)
  }

  /// `logIndex(row)` maps list rows to log indices; `count` rows in all.
  public func render(
    into buffer: inout CellBuffer, rect: Rect, data: ViewData, count: Int,
    position: ListPosition, focused: Bool, horizontalOffset: Int, search: SearchTerm?,
    logIndex: (Int) -> Int
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0, rect.width > 0 else { return }
    if count == 0 {
      buffer.put("  (no records)", x: rect.x, y: rect.y, style: palette.dim, maxWidth: rect.width)
      return
    }
    let offset = wrap ? 0 : horizontalOffset
    let textRect = MarkGutter.textRect(rect, marks: marks, flags: flags)
    var y = rect.y
    var row = max(0, position.top)
    while y < rect.y + rect.height, row < count {
      let index = logIndex(row)
      let seen = wrap ? textRect.width * (rect.y + rect.height - y) : textRect.width + offset
      let text = self.text(logIndex: index, data: data, columns: seen)
      var base: Style? = nil
      if row == position.selected {
        base = focused ? palette.selection : Style(bold: true, underline: true)
      }
      // Hits are found in the whole row: one broken across two lines is marked on both.
      let hits = search?.ranges(in: text.plainText) ?? []
      var start = 0
      let firstY = y
      for line in lines(of: text, width: rect.width, maxLines: rect.y + rect.height - y) {
        if let base {
          buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base)
        }
        let area = Rect(x: textRect.x, y: y, width: textRect.width, height: 1)
        line.draw(into: &buffer, x: area.x, y: y, width: area.width, offset: offset, base: base)
        if !hits.isEmpty {
          let plain = line.plainText
          let end = start + plain.utf8.count
          let shown = hits.compactMap { hit -> Range<Int>? in
            let clipped = hit.clamped(to: start..<end)
            return clipped.isEmpty
              ? nil : (clipped.lowerBound - start)..<(clipped.upperBound - start)
          }
          mark(shown, in: plain, buffer: &buffer, rect: area, y: y, offset: offset)
          start = end
        }
        y += 1
      }
      MarkGutter.draw(
        into: &buffer, x: rect.x, y: firstY, logIndex: index, marks: marks, palette: palette)
      if flags {
        MarkGutter.drawFlag(
          into: &buffer, x: rect.x, y: firstY, groups: data.findingGroups(logIndex: index),
          palette: palette)
      }
      row += 1
    }
  }

  /// Highlights visible occurrences of the search term in a drawn row.
  func markHits(
    of term: SearchTerm, in text: RowText, buffer: inout CellBuffer, rect: Rect, y: Int,
    offset: Int
  ) {
    let plain = text.plainText
    mark(term.ranges(in: plain), in: plain, buffer: &buffer, rect: rect, y: y, offset: offset)
  }

  /// Highlights `ranges` (UTF-8 offsets) of `plain`, drawn at `rect.x` scrolled by `offset`.
  func mark(
    _ ranges: [Range<Int>], in plain: String, buffer: inout CellBuffer, rect: Rect, y: Int,
    offset: Int
  ) {
    let utf8 = plain.utf8
    for range in ranges {
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
