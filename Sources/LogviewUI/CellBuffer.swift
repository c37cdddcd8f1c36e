import LogviewCore

/// A grid of styled cells that widgets draw into and screens present.
///
/// Invariant: a cell of width 2 is always followed on its row by a continuation cell (empty
/// text, width 0), and a continuation cell always follows a width-2 cell. Every write keeps it,
/// blanking the other half of a wide character it overwrites half of. Coordinates outside the
/// grid are clipped, never trapped on.
///
/// Cells are stored as `Slot`s (an 8-byte `Glyph`, width, style: no reference counts), so a
/// 200x60 frame is filled, drawn and compared in tens of microseconds; `Cell` values are made
/// on demand by the subscript.
public struct CellBuffer: Sendable {
  public let width: Int
  public let height: Int
  /// Row-major: the cell at (x, y) is `slots[y * width + x]`.
  private var slots: [Slot]
  /// Clusters longer than 8 UTF-8 bytes, deduplicated; slots refer to them by index.
  private var overflow: [String] = []
  private var overflowIndex: [String: Int] = [:]
  private var overflowLimit = 256

  public init(width: Int, height: Int) {
    let width = max(0, width)
    let height = max(0, height)
    let (count, overflow) = width.multipliedReportingOverflow(by: height)
    self.width = overflow ? 0 : width
    self.height = overflow ? 0 : height
    slots = Array(
      repeating: Slot(glyph: .space, width: 1, style: .plain), count: overflow ? 0 : count)
  }

  /// The cell at (x, y); a blank cell outside the grid.
  public subscript(x: Int, y: Int) -> Cell {
    guard x >= 0, x < width, y >= 0, y < height else { return .blank }
    let slot = slots[y * width + x]
    return Cell(text: text(of: slot.glyph), width: slot.width, style: slot.style)
  }

  /// Whether cell (x, y) is the same here and in `other` (`self[x, y] == other[x, y]`), without
  /// making the two Cells: for screens that send only the changed cells.
  public func isSameCell(x: Int, y: Int, in other: CellBuffer) -> Bool {
    let inside = x >= 0 && x < width && y >= 0 && y < height
    let otherInside = x >= 0 && x < other.width && y >= 0 && y < other.height
    guard inside, otherInside else { return self[x, y] == other[x, y] }
    return sameSlot(y * width + x, other, y * other.width + x)
  }

  /// Whether row y is the same here and in `other` (same width, every cell equal).
  public func isSameRow(_ y: Int, in other: CellBuffer) -> Bool {
    guard width == other.width else { return false }
    let here = y >= 0 && y < height
    let there = y >= 0 && y < other.height
    guard here && there else { return here == there }
    let row = y * width
    for i in row..<row + width where !sameSlot(i, other, i) { return false }
    return true
  }

  /// Fills `rect` (clipped to the buffer) with spaces in `style`.
  public mutating func fill(_ rect: Rect, style: Style) {
    guard let (columns, rows) = rect.clipped(width: width, height: height) else { return }
    let space = Slot(glyph: .space, width: 1, style: style)
    for y in rows {
      let row = y * width
      // Wide characters cut by the rect's edges lose their outside half too.
      detachWideCharacter(at: columns.lowerBound, row: row)
      detachWideCharacter(at: columns.upperBound - 1, row: row)
      slots.withUnsafeMutableBufferPointer { all in
        let start = row + columns.lowerBound
        UnsafeMutableBufferPointer(rebasing: all[start..<start + columns.count])
          .update(repeating: space)
      }
    }
    if columns.count == width && rows.count == height { dropOverflow() }
  }

  /// Writes `text` from column x on row y, clipped at `x + maxWidth` (default: buffer edge)
  /// and at the buffer's right edge; never splits a wide character (a wide char that does not
  /// fit becomes a space); control characters are shown as U+FFFD-free visible '?'; tabs as one
  /// space. Returns the number of columns written.
  ///
  /// More precisely, it returns the columns the text took from `x` up to the clip limit,
  /// including columns left of the buffer when x < 0 (so `x += put(...)` chains), and 0 when
  /// row y is outside the buffer. Zero-width clusters (a lone combining mark, ZWJ, U+200B)
  /// take no cell and are dropped; a wide character half left of column 0 shows as a space.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height, x < width else { return 0 }
    // The clip limit: min(width, x + maxWidth) without overflowing on extreme values.
    var limit = width
    if let maxWidth {
      guard maxWidth > 0 else { return 0 }
      let (room, overflow) = width.subtractingReportingOverflow(x)
      if overflow || maxWidth < room { limit = x + maxWidth }
    }
    let row = y * width
    let asciiGlyphs = Self.asciiGlyphs
    var column = x
    DisplayWidth.forEachCluster(in: text) { cluster, _ in
      switch cluster {
      case .ascii(let bytes):
        for byte in bytes {
          guard column < limit else { return false }
          if column >= 0 {
            setNarrow(
              Glyph(bits: UInt64(asciiGlyphs[Int(byte)])), at: column, row: row, style: style)
          }
          column += 1
        }
        return true
      case .other(let bytes):
        let (glyph, w) = self.glyph(for: bytes, at: column, limit: limit)
        if w == 0 { return true }
        return place(glyph, width: w, at: &column, limit: limit, row: row, style: style)
      }
    }
    return column - x
  }

  /// The glyph and width of a cluster that is not plain ASCII; width 0 for a cluster that
  /// takes no cell. Controls (and CR LF) show as '?'.
  private mutating func glyph(
    for bytes: UnsafeBufferPointer<UInt8>, at column: Int, limit: Int
  ) -> (Glyph, Int) {
    if bytes.count == 1 || (bytes.count == 2 && bytes[0] == 0x0D) {
      return (Glyph(bits: UInt64(Self.asciiGlyphs[Int(bytes[0]) & 0x7F])), 1)
    }
    if DisplayWidth.startsWithControl(bytes) { return (.question, 1) }
    let w = DisplayWidth.clusterWidth(bytes)
    // Not stored when dropped, clipped or left of the buffer.
    guard w > 0, column + w <= limit, column >= 0 else { return (.space, w) }
    return (Glyph(utf8: bytes) ?? intern(String(decoding: bytes, as: UTF8.self)), w)
  }

  /// Puts a glyph `w` columns wide at `column` and moves past it; false once the row is
  /// full (a wide character with one column left fills that column with a space).
  private mutating func place(
    _ glyph: Glyph, width w: Int, at column: inout Int, limit: Int, row: Int, style: Style
  ) -> Bool {
    if column + w > limit {
      if column >= 0, column < limit {
        setNarrow(.space, at: column, row: row, style: style)
        column += 1
      }
      return false
    }
    if column < 0 {
      // Off the left edge; the right half of a wide char straddling column 0 is a space.
      if column + w > 0 { setNarrow(.space, at: 0, row: row, style: style) }
    } else if w == 1 {
      setNarrow(glyph, at: column, row: row, style: style)
    } else {
      setWide(glyph, at: column, row: row, style: style)
    }
    column += w
    return true
  }

  /// Changes the style of existing cells in `rect` (e.g. the selection highlight).
  public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
    guard let (columns, rows) = rect.clipped(width: width, height: height) else { return }
    for y in rows {
      let row = y * width
      for x in columns {
        var style = slots[row + x].style
        transform(&style)
        slots[row + x].style = style
      }
    }
  }

  /// The text of each row, trailing spaces removed (for snapshots).
  public func lines() -> [String] {
    (0..<height).map { y in
      var bytes: [UInt8] = []
      bytes.reserveCapacity(width)
      for slot in slots[y * width..<(y + 1) * width] where slot.width != 0 {
        appendText(of: slot.glyph, to: &bytes)
      }
      while bytes.last == 0x20 { bytes.removeLast() }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// Each row with its style runs marked, for snapshot tests. Cells in the plain style are
  /// written as they are; a run of cells in any other style is written `«CODE:text»`, where
  /// CODE is, in this order and each part only when it differs from `Style.plain`:
  /// - the foreground color letter: k black, r red, g green, y yellow, B blue, m magenta,
  ///   c cyan, w white (blue is upper-case so that it differs from bold);
  /// - `/` and the background color letter, e.g. `/B` for a blue background;
  /// - the attributes: b bold, d dim, R reverse, u underline.
  /// Examples: `«r:ERROR»` (red), `«yb:WARN»` (yellow bold), `«R:selected row   »` (reverse),
  /// `«w/B:title»` (white on blue). Trailing plain spaces are removed; trailing spaces of a
  /// styled run are kept inside it. Text is not escaped: `«` and `»` in cells appear as-is.
  public func styledLines() -> [String] {
    (0..<height).map { y in
      var line: [UInt8] = []
      var runStyle = Style.plain
      var run: [UInt8] = []
      func flush() {
        if runStyle == .plain {
          line += run
        } else {
          line += Array("«\(Self.code(runStyle)):".utf8) + run + Array("»".utf8)
        }
        run.removeAll()
      }
      for slot in slots[y * width..<(y + 1) * width] where slot.width != 0 {
        if slot.style != runStyle {
          flush()
          runStyle = slot.style
        }
        appendText(of: slot.glyph, to: &run)
      }
      if runStyle == .plain {
        while run.last == 0x20 { run.removeLast() }
      }
      flush()
      return String(decoding: line, as: UTF8.self)
    }
  }

  // MARK: - Slots

  private mutating func setNarrow(_ glyph: Glyph, at x: Int, row: Int, style: Style) {
    detachWideCharacter(at: x, row: row)
    slots[row + x] = Slot(glyph: glyph, width: 1, style: style)
  }

  /// Callers guarantee x + 1 < width.
  private mutating func setWide(_ glyph: Glyph, at x: Int, row: Int, style: Style) {
    detachWideCharacter(at: x, row: row)
    detachWideCharacter(at: x + 1, row: row)
    slots[row + x] = Slot(glyph: glyph, width: 2, style: style)
    slots[row + x + 1] = Slot(glyph: .empty, width: 0, style: style)
  }

  /// Before cell x is overwritten: if it is half of a wide character, blanks the other half
  /// (keeping that half's style) so that no orphan half remains.
  @inline(__always)
  private mutating func detachWideCharacter(at x: Int, row: Int) {
    switch slots[row + x].width {
    case 0 where x > 0 && slots[row + x - 1].width == 2:
      slots[row + x - 1].glyph = .space
      slots[row + x - 1].width = 1
    case 2 where x + 1 < width && slots[row + x + 1].width == 0:
      slots[row + x + 1].glyph = .space
      slots[row + x + 1].width = 1
    default:
      break
    }
  }

  private func sameSlot(_ i: Int, _ other: CellBuffer, _ j: Int) -> Bool {
    let a = slots[i]
    let b = other.slots[j]
    guard a.width == b.width, a.hasSameStyle(as: b) else { return false }
    if a.glyph == b.glyph && a.glyph.overflowIndex == nil { return true }
    // Inline texts are canonical, so only two overflow glyphs can be equal with other bits.
    guard let ia = a.glyph.overflowIndex, let ib = b.glyph.overflowIndex else { return false }
    return overflow[ia] == other.overflow[ib]
  }

  // MARK: - Glyph text

  private func text(of glyph: Glyph) -> String {
    if let index = glyph.overflowIndex { return index < overflow.count ? overflow[index] : "?" }
    return glyph.inlineString
  }

  private func appendText(of glyph: Glyph, to bytes: inout [UInt8]) {
    if let index = glyph.overflowIndex {
      bytes += (index < overflow.count ? overflow[index] : "?").utf8
    } else {
      glyph.appendInline(to: &bytes)
    }
  }

  /// The overflow glyph for a long cluster, reusing an entry for the same text. The table
  /// is rebuilt from the live slots when it doubles, so it stays bounded by what is shown.
  private mutating func intern(_ text: String) -> Glyph {
    if let index = overflowIndex[text] { return .overflow(index) }
    if overflow.count >= overflowLimit { compactOverflow() }
    overflowIndex[text] = overflow.count
    overflow.append(text)
    return .overflow(overflow.count - 1)
  }

  private mutating func compactOverflow() {
    let old = overflow
    overflow = []
    overflowIndex = [:]
    for i in slots.indices {
      guard let index = slots[i].glyph.overflowIndex, index < old.count else { continue }
      let text = old[index]
      let kept = overflowIndex[text] ?? overflow.count
      if kept == overflow.count {
        overflowIndex[text] = kept
        overflow.append(text)
      }
      slots[i].glyph = .overflow(kept)
    }
    overflowLimit = max(256, 2 * overflow.count)
  }

  /// Entries in the overflow table (for tests).
  var overflowCount: Int { overflow.count }

  /// After a fill of the whole buffer no slot refers to the table.
  private mutating func dropOverflow() {
    guard !overflow.isEmpty else { return }
    overflow = []
    overflowIndex = [:]
  }

  // MARK: - Helpers

  /// What each ASCII byte shows as: controls and DEL as '?', tab as one space.
  private static let asciiGlyphs: [UInt8] = (0..<128).map { byte in
    switch byte {
    case 0x09: return 0x20
    case 0..<0x20, 0x7F: return 0x3F
    default: return UInt8(byte)
    }
  }

  private static let colorLetters: [TermColor: String] = [
    .black: "k", .red: "r", .green: "g", .yellow: "y", .blue: "B", .magenta: "m", .cyan: "c",
    .white: "w",
  ]

  private static func code(_ style: Style) -> String {
    var code = colorLetters[style.fg] ?? ""
    if let bg = colorLetters[style.bg] { code += "/" + bg }
    if style.bold { code += "b" }
    if style.dim { code += "d" }
    if style.reverse { code += "R" }
    if style.underline { code += "u" }
    return code
  }
}

extension CellBuffer: Equatable {
  /// Equal when the sizes and every cell (text, width, style) are equal.
  public static func == (a: CellBuffer, b: CellBuffer) -> Bool {
    guard a.width == b.width, a.height == b.height else { return false }
    if a.overflow.isEmpty && b.overflow.isEmpty { return a.slots == b.slots }
    for i in a.slots.indices where !a.sameSlot(i, b, i) { return false }
    return true
  }
}
