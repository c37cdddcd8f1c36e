import LogviewCore
import Testing

@testable import LogviewUI

struct CellBufferTests {
  /// A one-row buffer filled with dots, so that untouched cells show.
  static func dotted(_ width: Int) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: 1)
    buffer.put(String(repeating: ".", count: width), x: 0, y: 0, style: .plain)
    return buffer
  }

  /// Every wide cell is followed by its continuation and every continuation follows a wide
  /// cell; no wide cell sits in the last column.
  static func checkInvariant(
    _ buffer: CellBuffer, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for y in 0..<buffer.height {
      for x in 0..<buffer.width {
        let cell = buffer[x, y]
        switch cell.width {
        case 2:
          #expect(x + 1 < buffer.width, sourceLocation: sourceLocation)
          #expect(buffer[x + 1, y].width == 0, sourceLocation: sourceLocation)
        case 0:
          #expect(x > 0 && buffer[x - 1, y].width == 2, sourceLocation: sourceLocation)
          #expect(cell.text.isEmpty, sourceLocation: sourceLocation)
        default:
          #expect(cell.width == 1, sourceLocation: sourceLocation)
        }
      }
    }
  }

  @Test func startsBlank() {
    let buffer = CellBuffer(width: 4, height: 2)
    #expect(buffer.width == 4 && buffer.height == 2)
    #expect(buffer.lines() == ["", ""])
    #expect(buffer[0, 0] == .blank && buffer[3, 1] == .blank)
  }

  static let sizes: [(Int, Int, Int, Int)] = [
    (-1, 5, 0, 5), (5, -3, 5, 0), (0, 0, 0, 0), (Int.max, Int.max, 0, 0), (Int.min, 2, 0, 2),
  ]

  @Test(arguments: sizes)
  func oddSizesAreClamped(_ width: Int, _ height: Int, _ expectedWidth: Int, _ expectedHeight: Int)
  {
    var buffer = CellBuffer(width: width, height: height)
    #expect(buffer.width == expectedWidth && buffer.height == expectedHeight)
    #expect(buffer.put("abc", x: 0, y: 0, style: .plain) == 0)
    buffer.fill(Rect(x: 0, y: 0, width: 3, height: 3), style: .plain)
    #expect(buffer[0, 0] == .blank)
  }

  /// (text, x, maxWidth, row after the write on a 10-column dotted row, returned columns)
  static let puts: [(String, Int, Int?, String, Int)] = [
    ("hello", 0, nil, "hello.....", 5), ("hello", 3, nil, "...hello..", 5),
    ("hello world", 0, 5, "hello.....", 5), ("hello", 2, 2, "..he......", 2),
    ("abcdefghijkl", 6, nil, "......abcd", 4), ("abc", 9, nil, ".........a", 1),
    ("abc", 10, nil, "..........", 0), ("abc", 2, 0, "..........", 0),
    ("abc", 2, -4, "..........", 0), ("abc", 0, Int.max, "abc.......", 3),
    // wide characters: never split; one column left becomes a space
    ("日本", 0, nil, "日本......", 4), ("日本", 7, nil, ".......日", 3),
    ("ab日", 7, nil, ".......ab", 3), ("日本", 6, 3, "......日 .", 3), ("日本語", 0, 5, "日本 .....", 5),
    ("日本", 8, nil, "........日", 2),
    // controls as '?', tab as one space, CR LF as one '?', C1 and U+2028 as '?'
    ("a\u{1}b\u{7F}c", 0, nil, "a?b?c.....", 5), ("a\tb", 0, nil, "a b.......", 3),
    ("x\r\ny", 0, nil, "x?y.......", 3), ("\u{85}\u{2028}", 0, nil, "??........", 2),
    ("\t\u{E9}", 0, nil, " \u{E9}........", 2),
    // zero-width clusters take no cell; combining marks stay with their base
    ("\u{200B}ab", 0, nil, "ab........", 2), ("\u{301}x", 0, nil, "x.........", 1),
    ("e\u{301}!", 0, nil, "e\u{301}!........", 2),
    // emoji
    ("👍ok", 0, nil, "👍ok......", 4), ("👨‍👩‍👧!", 0, nil, "👨‍👩‍👧!.......", 3),
    ("🇫🇷🇩🇪", 6, nil, "......🇫🇷🇩🇪", 4),
    // left of the buffer: clipped, but the columns still count (x += put(...) chains)
    ("hello", -2, nil, "llo.......", 5), ("日本語", -1, nil, " 本語.....", 6),
    ("日本語", -2, nil, "本語......", 6), ("abc", -5, nil, "..........", 3),
    ("hello", -2, 4, "ll........", 4), ("abc", Int.min, nil, "..........", 3),
    ("abc", Int.min, Int.max, "..........", 3), ("abc", Int.max, 5, "..........", 0),
  ]

  @Test(arguments: puts)
  func put(_ text: String, _ x: Int, _ maxWidth: Int?, _ expected: String, _ columns: Int) {
    var buffer = Self.dotted(10)
    let written = buffer.put(text, x: x, y: 0, style: .plain, maxWidth: maxWidth)
    #expect(buffer.lines() == [expected])
    #expect(written == columns)
    Self.checkInvariant(buffer)
  }

  @Test(arguments: [-1, 2, 3, Int.min, Int.max])
  func rowsOutsideTheBufferAreIgnored(_ y: Int) {
    var buffer = CellBuffer(width: 4, height: 2)
    #expect(buffer.put("abcd", x: 0, y: y, style: .plain) == 0)
    #expect(buffer == CellBuffer(width: 4, height: 2))
  }

  @Test func wideCharacterTakesTwoCells() {
    var buffer = CellBuffer(width: 4, height: 1)
    let red = Style(fg: .red)
    buffer.put("日", x: 1, y: 0, style: red)
    #expect(buffer[1, 0] == Cell(text: "日", width: 2, style: red))
    #expect(buffer[2, 0] == Cell(text: "", width: 0, style: red))
  }

  /// (first write, x of the second write, second text, resulting row of width 6)
  static let overwrites: [(String, Int, String, String)] = [
    ("日本語", 1, "x", " x本語"), ("日本語", 2, "y", "日y 語"), ("日本語", 1, "中", " 中 語"),
    ("日本語", 0, "ab", "ab本語"), ("日本語", 3, "ab", "日 ab"), ("日本語", 4, "語", "日本語"),
    ("abcdef", 1, "日", "a日def"), ("日本語", -1, "日", "  本語"),
  ]

  @Test(arguments: overwrites)
  func overwritingHalfOfAWideCharacterBlanksTheOtherHalf(
    _ first: String, _ x: Int, _ second: String, _ expected: String
  ) {
    var buffer = CellBuffer(width: 6, height: 1)
    buffer.put(first, x: 0, y: 0, style: .plain)
    buffer.put(second, x: x, y: 0, style: .plain)
    #expect(buffer.lines() == [expected])
    Self.checkInvariant(buffer)
  }

  /// (fill rect on a width-6 row holding "日本語", resulting row)
  static let fills: [(Rect, String)] = [
    (Rect(x: 1, y: 0, width: 1, height: 1), "  本語"),
    (Rect(x: 2, y: 0, width: 2, height: 1), "日  語"),
    (Rect(x: 3, y: 0, width: 2, height: 1), "日    "), (Rect(x: 5, y: 0, width: 9, height: 1), "日本"),
    (Rect(x: -3, y: -3, width: 4, height: 9), "  本語"),
    (Rect(x: 0, y: 1, width: 6, height: 1), "日本語"),
    (Rect(x: 0, y: 0, width: 0, height: 1), "日本語"), (Rect(x: 2, y: 0, width: -4, height: 1), "日本語"),
    (Rect(x: Int.min, y: Int.min, width: Int.max, height: Int.max), "日本語"),
    (Rect(x: -10, y: -10, width: Int.max, height: Int.max), ""),
    (Rect(x: Int.max, y: 0, width: Int.max, height: 1), "日本語"),
  ]

  @Test(arguments: fills)
  func fillClipsAndDetachesWideCharacters(_ rect: Rect, _ expected: String) {
    var buffer = CellBuffer(width: 6, height: 1)
    buffer.put("日本語", x: 0, y: 0, style: .plain)
    buffer.fill(rect, style: Style(bg: .blue))
    #expect(buffer.lines() == [expected.trimmingTrailingSpaces()])
    Self.checkInvariant(buffer)
  }

  @Test func fillUsesTheStyle() {
    var buffer = CellBuffer(width: 5, height: 3)
    buffer.fill(Rect(x: 1, y: 1, width: 3, height: 5), style: Style(reverse: true))
    #expect(buffer.styledLines() == ["", " «R:   »", " «R:   »"])
    #expect(buffer[0, 1].style == .plain && buffer[1, 2].style.reverse)
  }

  @Test func restyleChangesOnlyTheRect() {
    var buffer = CellBuffer(width: 8, height: 2)
    buffer.put("abcdefgh", x: 0, y: 0, style: .plain)
    buffer.put("ijklmnop", x: 0, y: 1, style: Style(fg: .green))
    buffer.restyle(Rect(x: 2, y: 0, width: 3, height: 1)) { $0.reverse = true }
    buffer.restyle(Rect(x: 6, y: 1, width: 10, height: 10)) { $0.bold = true }
    buffer.restyle(Rect(x: -9, y: -9, width: 2, height: 2)) { $0.dim = true }
    #expect(buffer.lines() == ["abcdefgh", "ijklmnop"])
    #expect(buffer.styledLines() == ["ab«R:cde»fgh", "«g:ijklmn»«gb:op»"])
  }

  /// (style, text, styled line)
  static let styleCodes: [(Style, String, String)] = [
    (Style(fg: .red), "ERROR", "«r:ERROR»"), (Style(fg: .yellow, bold: true), "WARN", "«yb:WARN»"),
    (Style(fg: .blue), "x", "«B:x»"), (Style(bold: true), "x", "«b:x»"),
    (Style(fg: .white, bg: .blue), "title", "«w/B:title»"), (Style(bg: .black), "x", "«/k:x»"),
    (Style(dim: true), "x", "«d:x»"), (Style(underline: true), "x", "«u:x»"),
    (
      Style(fg: .magenta, bg: .cyan, bold: true, dim: true, reverse: true, underline: true), "x",
      "«m/cbdRu:x»"
    ),
    (Style(fg: .green), "g", "«g:g»"), (Style(fg: .black), "k", "«k:k»"),
    (Style(reverse: true), "row  ", "«R:row  »"),
    (.plain, "plain  ", "plain"),
  ]

  @Test(arguments: styleCodes)
  func styledLinesMarkRuns(_ style: Style, _ text: String, _ expected: String) {
    var buffer = CellBuffer(width: 12, height: 1)
    buffer.put(text, x: 0, y: 0, style: style)
    #expect(buffer.styledLines() == [expected])
  }

  @Test func styledLinesWithWideCharactersAndMixedRuns() {
    var buffer = CellBuffer(width: 14, height: 1)
    var x = buffer.put("12:00 ", x: 0, y: 0, style: Style(dim: true))
    x += buffer.put("日本", x: x, y: 0, style: Style(fg: .red))
    buffer.put(" ok", x: x, y: 0, style: .plain)
    #expect(buffer.styledLines() == ["«d:12:00 »«r:日本» ok"])
  }

  @Test func linesTrimOnlyTrailingSpaces() {
    var buffer = CellBuffer(width: 8, height: 1)
    buffer.put("  a b   ", x: 0, y: 0, style: .plain)
    #expect(buffer.lines() == ["  a b"])
  }

  @Test func equality() {
    var a = CellBuffer(width: 5, height: 2)
    var b = CellBuffer(width: 5, height: 2)
    #expect(a == b)
    a.put("x", x: 1, y: 1, style: .plain)
    #expect(a != b)
    b.put("x", x: 1, y: 1, style: .plain)
    #expect(a == b)
    b.restyle(Rect(x: 1, y: 1, width: 1, height: 1)) { $0.bold = true }
    #expect(a != b)
    #expect(CellBuffer(width: 2, height: 3) != CellBuffer(width: 3, height: 2))
  }

  @Test func subscriptOutsideIsBlank() {
    var buffer = CellBuffer(width: 2, height: 2)
    buffer.fill(Rect(x: 0, y: 0, width: 2, height: 2), style: Style(fg: .red))
    #expect(buffer[-1, 0] == .blank && buffer[2, 0] == .blank && buffer[0, 2] == .blank)
    #expect(buffer[Int.min, Int.max] == .blank)
  }

  @Test func longClustersAreKeptWhole() {
    var buffer = CellBuffer(width: 10, height: 1)
    let family = "👨‍👩‍👧"
    let stacked = "e\u{301}\u{302}\u{303}\u{304}"
    buffer.put(family + stacked + family, x: 0, y: 0, style: .plain)
    #expect(buffer[0, 0] == Cell(text: family, width: 2, style: .plain))
    #expect(buffer[2, 0].text == stacked)
    #expect(buffer.lines() == [family + stacked + family])
    var other = CellBuffer(width: 10, height: 1)
    other.put(stacked + family, x: 2, y: 0, style: .plain)
    other.put(family, x: 0, y: 0, style: .plain)
    // Same cells, different overflow table order.
    #expect(buffer == other)
    other.put("x", x: 3, y: 0, style: .plain)
    #expect(buffer != other)
  }

  @Test func overflowTableStaysBounded() {
    var buffer = CellBuffer(width: 4, height: 1)
    for i in 0..<2000 {
      // A distinct long cluster each time: a base letter and marks chosen by i.
      let marks = (0..<4).map {
        Character(UnicodeScalar(0x300 + UInt32((i >> (2 * $0)) % 64 + 1))!)
      }
      let cluster = "a" + String(marks)
      buffer.put(cluster, x: i % 4, y: 0, style: .plain)
      #expect(buffer[i % 4, 0].text == cluster)
    }
    #expect(buffer.overflowCount <= 512)
    buffer.fill(Rect(x: 0, y: 0, width: 4, height: 1), style: .plain)
    #expect(buffer.overflowCount == 0)
  }

  @Test func sameCellAndSameRow() {
    var a = CellBuffer(width: 6, height: 2)
    a.put("ab👨‍👩‍👧", x: 0, y: 0, style: .plain)
    var b = a
    b.put("c", x: 1, y: 1, style: .plain)
    #expect(a.isSameRow(0, in: b) && !a.isSameRow(1, in: b))
    #expect(a.isSameCell(x: 2, y: 0, in: b) && a.isSameCell(x: 0, y: 1, in: b))
    #expect(!a.isSameCell(x: 1, y: 1, in: b))
    b.restyle(Rect(x: 0, y: 0, width: 1, height: 1)) { $0.fg = .red }
    #expect(!a.isSameCell(x: 0, y: 0, in: b) && !a.isSameRow(0, in: b))
    #expect(
      a.isSameCell(x: 99, y: 0, in: b) && !a.isSameRow(0, in: CellBuffer(width: 5, height: 2)))
    #expect(a.isSameRow(7, in: b) && a.isSameRow(-1, in: b))
  }

  /// Many overlapping writes of mixed widths at every position keep the wide-cell invariant.
  @Test func mixedWritesKeepTheInvariant() {
    var buffer = CellBuffer(width: 7, height: 2)
    let texts = ["日本", "a日", "ab", "👍x", "語", "e\u{301}日", "z"]
    var seed: UInt32 = 12345
    for _ in 0..<300 {
      seed = seed &* 1_103_515_245 &+ 12345
      let text = texts[Int(seed >> 16) % texts.count]
      let x = Int((seed >> 8) % 10) - 2
      let y = Int(seed % 2)
      if seed % 7 == 0 {
        buffer.fill(Rect(x: x, y: y, width: Int(seed % 3), height: 1), style: .plain)
      } else {
        buffer.put(text, x: x, y: y, style: .plain, maxWidth: seed % 5 == 0 ? 3 : nil)
      }
      Self.checkInvariant(buffer)
    }
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
