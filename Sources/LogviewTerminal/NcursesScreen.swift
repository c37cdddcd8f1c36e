import CNcursesw
import Glibc
import LogviewCore
import LogviewUI

/// The terminal as a Screen: draws only the cells that changed since the previous frame, in
/// runs per row (one wadd_wchnstr each), then lets ncurses send the difference. Owned by
/// TerminalSession and used on its thread only.
final class NcursesScreen: Screen {
  private let window: UnsafeMutablePointer<WINDOW>
  private let colorMode: ColorMode
  /// Whether default colors (-1) are available; otherwise "standard" is white on black.
  private let defaultColors: Bool
  private var previous: CellBuffer?
  /// Set after a resize: the terminal's content is unknown, so repaint all of it.
  private var clearNext = false
  private var active = true
  /// Color pair per (fg, bg) index fg * 9 + bg: 0 = not yet allocated, -1 = none left.
  private var pairs = [Int16](repeating: 0, count: 81)
  private var nextPair: Int16 = 1
  private var row: [cchar_t] = []

  init(window: UnsafeMutablePointer<WINDOW>, colorMode: ColorMode, defaultColors: Bool) {
    self.window = window
    self.colorMode = colorMode
    self.defaultColors = defaultColors
  }

  var width: Int { active ? Int(getmaxx(window)) : 0 }
  var height: Int { active ? Int(getmaxy(window)) : 0 }

  /// After a resize: repaint everything on the next present.
  func invalidate() {
    previous = nil
    clearNext = true
  }

  /// After endwin: a present would restart curses, so stop drawing.
  func deactivate() { active = false }

  func present(_ buffer: CellBuffer) {
    guard active else { return }
    let columns = min(width, buffer.width)
    let rows = min(height, buffer.height)
    let old = previous.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
    if old == nil { _ = werase(window) }
    if clearNext {
      _ = clearok(lv_curscr(), true)
      clearNext = false
    }
    if old != buffer {
      for y in 0..<rows { drawChanges(buffer, old: old, y: y, columns: columns) }
    }
    previous = buffer
    _ = wnoutrefresh(window)
    _ = doupdate()
  }

  /// Finds the runs of changed cells in row y and draws each; a run always starts on a
  /// character's first column and includes the continuation cells of its wide characters.
  private func drawChanges(_ buffer: CellBuffer, old: CellBuffer?, y: Int, columns: Int) {
    if let old, buffer.isSameRow(y, in: old) { return }
    var x = 0
    while x < columns {
      if let old, buffer.isSameCell(x: x, y: y, in: old) {
        x += 1
        continue
      }
      var start = x
      while start > 0 && buffer[start, y].width == 0 { start -= 1 }
      var end = x + 1
      while end < columns {
        if let old, buffer.isSameCell(x: end, y: y, in: old), buffer[end, y].width != 0 { break }
        end += 1
      }
      drawRun(buffer, y: y, from: start, to: end, columns: columns)
      x = end
    }
  }

  /// Draws cells start..<end of row y with one wadd_wchnstr (which never wraps or scrolls,
  /// so the bottom-right cell is safe). Each wide character is one entry covering 2 columns.
  private func drawRun(_ buffer: CellBuffer, y: Int, from start: Int, to end: Int, columns: Int) {
    row.removeAll(keepingCapacity: true)
    var x = start
    while x < end {
      let cell = buffer[x, y]
      let (attributes, pair) = rendition(cell.style)
      if cell.width >= 2 && x + 1 < columns && buffer[x + 1, y].width == 0 {
        appendGlyph(cell.text, columns: 2, attributes: attributes, pair: pair)
        x += 2
      } else {
        // A continuation without its character, or a wide one cut at the edge: blank.
        let text = cell.width == 1 ? cell.text : " "
        appendGlyph(text, columns: 1, attributes: attributes, pair: pair)
        x += 1
      }
    }
    guard !row.isEmpty, wmove(window, Int32(y), Int32(start)) != ERR else { return }
    _ = row.withUnsafeBufferPointer { wadd_wchnstr(window, $0.baseAddress, Int32($0.count)) }
  }

  /// Appends the entries that show `text` in exactly `columns` columns, by the C library's
  /// wcwidth (what ncurses uses to place it): the base character and its zero-width marks
  /// (at most 4, no ZWJ, whose joined result the terminal may draw at another width). If
  /// wcwidth disagrees with the buffer, a narrow glyph in a wide cell is padded with a space
  /// (without VS16) and anything else becomes "?", so nothing after it on the row shifts.
  private func appendGlyph(_ text: String, columns: Int, attributes: attr_t, pair: Int16) {
    var characters: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
    var count = 0
    var glyphWidth: Int32 = -1
    withUnsafeMutableBytes(of: &characters) { raw in
      let slots = raw.bindMemory(to: wchar_t.self)
      for scalar in text.unicodeScalars {
        let value = wchar_t(bitPattern: scalar.value)
        if count == 0 {
          glyphWidth =
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? -1 : lv_wcwidth(value)
        } else if count == 5 || scalar.value == 0x200D || lv_wcwidth(value) != 0 {
          break
        }
        slots[count] = value
        count += 1
      }
      if count == 0 {  // empty text: a blank
        slots[0] = 0x20
        glyphWidth = 1
      } else if glyphWidth < 1 || Int(glyphWidth) > columns {
        slots[0] = 0x3F  // "?"
        slots[1] = 0
        glyphWidth = 1
      } else if Int(glyphWidth) < columns {
        // Padded: drop VS16, or terminals that honour it draw the base 2 columns wide too.
        var kept = 1
        for index in 1..<count where slots[index] != 0xFE0F {
          slots[kept] = slots[index]
          kept += 1
        }
        for index in kept..<6 { slots[index] = 0 }
      }
    }
    appendCell(&characters, attributes: attributes, pair: pair)
    if Int(glyphWidth) < columns {
      var blank: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0x20, 0, 0, 0, 0, 0)
      appendCell(&blank, attributes: attributes, pair: pair)
    }
  }

  private func appendCell(
    _ characters: inout (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t),
    attributes: attr_t, pair: Int16
  ) {
    var cell = cchar_t()
    withUnsafePointer(to: &characters) { pointer in
      pointer.withMemoryRebound(to: wchar_t.self, capacity: 6) { text in
        _ = lv_setcchar(&cell, text, attributes, pair)
      }
    }
    row.append(cell)
  }

  /// Attributes and color pair for a style; mono keeps only the attributes.
  private func rendition(_ style: Style) -> (attr_t, Int16) {
    var attributes = lv_a_normal()
    if style.bold { attributes |= lv_a_bold() }
    if style.dim { attributes |= lv_a_dim() }
    if style.reverse { attributes |= lv_a_reverse() }
    if style.underline { attributes |= lv_a_underline() }
    guard colorMode == .colors else { return (attributes, 0) }
    return (attributes, pair(fg: style.fg, bg: style.bg))
  }

  /// The color pair for fg on bg, allocated on first use (terminals differ in how many pairs
  /// they have; 8-color xterm has 64, fewer than the 80 combinations). When pairs run out,
  /// the foreground on the default background is the closest stand-in.
  private func pair(fg: TermColor, bg: TermColor) -> Int16 {
    let index = Int(fg.rawValue) * 9 + Int(bg.rawValue)
    if index == 0 { return 0 }
    let known = pairs[index]
    if known > 0 { return known }
    if known == 0 && nextPair < Int16(clamping: lv_color_pairs()) {
      if init_pair(nextPair, color(fg, isForeground: true), color(bg, isForeground: false)) == OK {
        pairs[index] = nextPair
        nextPair += 1
        return pairs[index]
      }
    }
    pairs[index] = -1
    return bg == .standard ? 0 : pair(fg: fg, bg: .standard)
  }

  private func color(_ color: TermColor, isForeground: Bool) -> Int16 {
    if color == .standard {
      if defaultColors { return -1 }
      return isForeground ? Int16(COLOR_WHITE) : Int16(COLOR_BLACK)
    }
    return Int16(color.rawValue) - 1  // TermColor.black is 1, COLOR_BLACK is 0
  }
}
