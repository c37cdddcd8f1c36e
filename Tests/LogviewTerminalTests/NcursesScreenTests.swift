import CNcursesw
import Glibc
import LogviewCore
import LogviewUI
import Testing

@testable import LogviewTerminal

/// NcursesScreen drawing into curses on a pseudo-terminal. Curses has one current screen
/// per process, so these run one at a time.
@Suite(.serialized)
struct NcursesScreenTests {
  private func withScreen(
    columns: Int = 20, rows: Int = 4, mode: ColorMode = .colors,
    _ body: (PseudoTerminal, NcursesScreen) throws -> Void
  ) throws {
    let terminal = try #require(PseudoTerminal(columns: columns, rows: rows))
    defer { terminal.shutDown() }
    let screen = NcursesScreen(window: terminal.window, colorMode: mode, defaultColors: true)
    try body(terminal, screen)
  }

  @Test func sizeIsTheTerminals() throws {
    try withScreen(columns: 33, rows: 7) { _, screen in
      #expect(screen.width == 33)
      #expect(screen.height == 7)
    }
  }

  /// Wide characters take two columns (curses repeats them in the second); what follows
  /// lands in the column the buffer says.
  static let rows: [(text: String, expected: [String])] = [
    ("a日b😀c", ["a", "日", "日", "b", "😀", "😀", "c", " "]),
    ("|日本|x", ["|", "日", "日", "本", "本", "|", "x", " "]),
    ("e\u{301}ñ!", ["e\u{301}", "ñ", "!", " ", " ", " ", " ", " "]),
    ("👍🏽.", ["👍", "👍", ".", " ", " ", " ", " ", " "]),
    ("👨‍👩‍👧.", ["👨", "👨", ".", " ", " ", " ", " ", " "]),
  ]

  @Test(arguments: rows)
  func wideCharactersTakeTwoColumns(text: String, expected: [String]) throws {
    try withScreen { terminal, screen in
      var buffer = CellBuffer(width: 20, height: 4)
      buffer.put(text, x: 0, y: 1, style: .plain)
      screen.present(buffer)
      #expect(terminal.row(1, columns: expected.count) == expected)
    }
  }

  /// A character the C library cannot print, or whose width disagrees with the buffer, still
  /// covers exactly its columns ("?" or the character plus a space).
  static let mismatches: [(text: String, expected: [String])] = [
    ("\u{378}x", ["?", "x"]),  // unassigned: wcwidth -1
    ("\u{2764}\u{FE0F}x", ["\u{2764}", " ", "x"]),  // emoji presentation: 2 here, 1 in libc
  ]

  @Test(arguments: mismatches)
  func widthMismatchKeepsColumns(text: String, expected: [String]) throws {
    try withScreen { terminal, screen in
      var buffer = CellBuffer(width: 20, height: 4)
      let width = buffer.put(text, x: 0, y: 0, style: .plain)
      #expect(width == expected.count)
      screen.present(buffer)
      #expect(terminal.row(0, columns: expected.count) == expected)
    }
  }

  static let styles: [(style: Style, fg: Int16, bg: Int16, attributes: [attr_t])] = [
    (Style(fg: .red), Int16(COLOR_RED), -1, []),
    (
      Style(fg: .white, bg: .blue, bold: true), Int16(COLOR_WHITE), Int16(COLOR_BLUE), [lv_a_bold()]
    ),
    (Style(fg: .black, bg: .yellow), Int16(COLOR_BLACK), Int16(COLOR_YELLOW), []),
    (Style(bg: .green, underline: true), -1, Int16(COLOR_GREEN), [lv_a_underline()]),
    (Style(dim: true, reverse: true), -1, -1, [lv_a_dim(), lv_a_reverse()]),
  ]

  @Test(arguments: styles)
  func stylesMapToColorPairsAndAttributes(
    style: Style, fg: Int16, bg: Int16, attributes: [attr_t]
  ) throws {
    try withScreen { terminal, screen in
      var buffer = CellBuffer(width: 20, height: 4)
      buffer.put("X", x: 2, y: 2, style: style)
      screen.present(buffer)
      let cell = terminal.cell(x: 2, y: 2)
      #expect(cell.text == "X")
      var pairFG: Int16 = 0
      var pairBG: Int16 = 0
      _ = pair_content(cell.pair, &pairFG, &pairBG)
      #expect(pairFG == fg)
      #expect(pairBG == bg)
      let all = lv_a_bold() | lv_a_dim() | lv_a_reverse() | lv_a_underline()
      #expect(cell.attributes & all == attributes.reduce(0, |))
    }
  }

  @Test func monoKeepsAttributesWithoutColors() throws {
    try withScreen(mode: .mono) { terminal, screen in
      var buffer = CellBuffer(width: 20, height: 4)
      buffer.put("E", x: 0, y: 0, style: Style(fg: .red, bg: .white, bold: true, reverse: true))
      screen.present(buffer)
      let cell = terminal.cell(x: 0, y: 0)
      #expect(cell.pair == 0)
      #expect(cell.attributes & lv_a_bold() != 0)
      #expect(cell.attributes & lv_a_reverse() != 0)
    }
  }

  /// Presenting the same frame again sends nothing; one changed cell sends a few bytes.
  @Test func onlyChangesAreSent() throws {
    try withScreen(columns: 40, rows: 10) { terminal, screen in
      var buffer = CellBuffer(width: 40, height: 10)
      for y in 0..<10 {
        buffer.put(String(repeating: "abcdefgh", count: 5), x: 0, y: y, style: .plain)
      }
      screen.present(buffer)
      #expect(terminal.drain().count >= 400)
      screen.present(buffer)
      #expect(terminal.drain().count == 0)
      buffer.put("Z", x: 17, y: 6, style: Style(fg: .green))
      screen.present(buffer)
      let sent = terminal.drain()
      #expect(sent.count > 0 && sent.count < 40)
      #expect(sent.contains(UInt8(ascii: "Z")))
      #expect(terminal.cell(x: 17, y: 6).text == "Z")
    }
  }

  /// Replacing a wide character by narrow ones (and back) leaves no half character behind.
  @Test func wideAndNarrowReplaceEachOther() throws {
    try withScreen { terminal, screen in
      var buffer = CellBuffer(width: 20, height: 4)
      buffer.put("日本語", x: 0, y: 0, style: .plain)
      screen.present(buffer)
      buffer.put("abc", x: 1, y: 0, style: .plain)
      screen.present(buffer)
      #expect(buffer.lines()[0] == " abc語")
      #expect(terminal.row(0, columns: 7) == [" ", "a", "b", "c", "語", "語", " "])
      buffer.put("中", x: 2, y: 0, style: .plain)
      screen.present(buffer)
      #expect(terminal.cell(x: 2, y: 0).text == "中")
      #expect(terminal.cell(x: 3, y: 0).text == "中")
      #expect(terminal.cell(x: 1, y: 0).text == buffer[1, 0].text)
    }
  }

  /// After a resize the next frame (of the new size) is drawn in full, corners included.
  @Test func resizeRedrawsEverything() throws {
    try withScreen(columns: 20, rows: 4) { terminal, screen in
      var small = CellBuffer(width: 20, height: 4)
      small.put("old", x: 0, y: 0, style: .plain)
      screen.present(small)
      _ = resize_term(6, 30)
      screen.invalidate()
      #expect(screen.width == 30)
      #expect(screen.height == 6)
      var large = CellBuffer(width: 30, height: 6)
      large.put("new", x: 0, y: 0, style: .plain)
      large.put("端", x: 28, y: 2, style: .plain)
      large.put("Z", x: 29, y: 5, style: .plain)
      screen.present(large)
      terminal.drain()
      #expect(terminal.row(0, columns: 3) == ["n", "e", "w"])
      #expect(terminal.cell(x: 28, y: 2).text == "端")
      #expect(terminal.cell(x: 29, y: 5).text == "Z")
    }
  }

  /// A buffer larger than the screen is clipped; a wide character cut by the edge is blank.
  @Test func largerBufferIsClipped() throws {
    try withScreen(columns: 10, rows: 2) { terminal, screen in
      var buffer = CellBuffer(width: 15, height: 5)
      buffer.put("abcdefghi日x", x: 0, y: 1, style: .plain)
      screen.present(buffer)
      #expect(terminal.row(1, columns: 10) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", " "])
    }
  }

  @Test func nothingIsDrawnAfterDeactivate() throws {
    try withScreen { terminal, screen in
      screen.deactivate()
      var buffer = CellBuffer(width: 20, height: 4)
      buffer.put("late", x: 0, y: 0, style: .plain)
      screen.present(buffer)
      #expect(terminal.drain().isEmpty)
      #expect(screen.width == 0)
    }
  }
}
