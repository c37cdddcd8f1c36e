import LogviewCore

/// Enter: the selected record's fields pretty-printed (nested objects indented, long values
/// wrapped), then its raw text, with the source file and line number in the title.
public enum DetailPane {
  public static func render(
    into buffer: inout CellBuffer, rect: Rect, logIndex: Int?, data: ViewData, scroll: Int,
    palette: Palette
  ) {
    buffer.fill(rect, style: .plain)
    guard rect.height > 0 else { return }
    let rule = String(repeating: "─", count: max(0, rect.width))
    buffer.put(rule, x: rect.x, y: rect.y, style: palette.dim)
    guard let logIndex else {
      buffer.put(" details: no record selected ", x: rect.x + 2, y: rect.y, style: palette.title)
      return
    }
    let source = data.sourceName(logIndex: logIndex)
    buffer.put(
      " \(source):\(data.log.line(at: logIndex)) — Enter/Esc to close ", x: rect.x + 2, y: rect.y,
      style: palette.title, maxWidth: rect.width - 4)
    let lines = data.withRecord(logIndex: logIndex) {
      Self.lines(for: $0, width: rect.width - 2, palette: palette, presenter: data.presenter)
    }
    // Scrolled no further than the last screenful.
    let shown = min(scroll, max(0, lines.count - (rect.height - 1)))
    for (i, line) in lines.dropFirst(shown).prefix(rect.height - 1).enumerated() {
      line.draw(into: &buffer, x: rect.x + 1, y: rect.y + 1 + i, width: rect.width - 1)
    }
  }

  /// The detail text for a record, wrapped to `width` columns.
  public static func lines(
    for record: RecordView, width: Int, palette: Palette, presenter: RecordPresenter
  ) -> [RowText] {
    var out: [RowText] = []
    let width = max(10, width)
    // Every field as written: an envelope's or a prefix's (pod, stream, host) beside the line's.
    record.forEachOwnMember { key, value in
      appendMember(
        key, value, indent: 0, width: width, palette: palette, presenter: presenter, into: &out)
    }
    var header = RowText()
    header.append("raw:", palette.dim)
    out.append(header)
    let raw = String(decoding: record.text, as: UTF8.self)
    for physical in raw.split(separator: "\n", omittingEmptySubsequences: false) {
      for piece in wrap(String(physical), width: width - 2) {
        var row = RowText()
        row.append("  " + piece, palette.dim)
        out.append(row)
      }
    }
    return out
  }

  static func appendMembers(
    of object: JSONValue, indent: Int, width: Int, palette: Palette, presenter: RecordPresenter,
    into out: inout [RowText]
  ) {
    object.forEachMember { key, value in
      appendMember(
        key, value, indent: indent, width: width, palette: palette, presenter: presenter,
        into: &out)
      return true
    }
  }

  /// One member: a nested object or array as indented rows, any other value wrapped.
  static func appendMember(
    _ key: JSONValue, _ value: JSONValue, indent: Int, width: Int, palette: Palette,
    presenter: RecordPresenter, into out: inout [RowText]
  ) {
    let pad = String(repeating: "  ", count: indent)
    let name = key.decodedString()
    if (value.kind == .object || value.kind == .array) && indent < 8 && value.bytes.count > 2 {
      var row = RowText()
      row.append(pad + name + ":", palette.key)
      out.append(row)
      if value.kind == .object {
        appendMembers(
          of: value, indent: indent + 1, width: width, palette: palette, presenter: presenter,
          into: &out)
      } else {
        var index = 0
        value.forEachElement { element in
          var item = RowText()
          item.append(pad + "  [\(index)] ", palette.key)
          item.append(presenter.text(of: element))
          out.append(item)
          index += 1
          return true
        }
      }
      return
    }
    let text = presenter.text(of: value)
    let prefix = pad + name + ": "
    let pieces = wrap(text, width: max(8, width - DisplayWidth.of(prefix)))
    for (i, piece) in pieces.enumerated() {
      var row = RowText()
      row.append(
        i == 0 ? prefix : String(repeating: " ", count: DisplayWidth.of(prefix)), palette.key)
      row.append(piece)
      out.append(row)
    }
  }

  /// Splits text into pieces of at most `width` columns (newlines start a new piece).
  static func wrap(_ text: String, width: Int) -> [String] {
    var pieces: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var rest = Substring(line)
      if rest.isEmpty { pieces.append("") }
      // Slices of the line, never copies of what is left: a long record wraps in linear time.
      while !rest.isEmpty {
        let (piece, _) = DisplayWidth.prefix(rest, fitting: max(1, width))
        let taken = piece.isEmpty ? rest.prefix(1) : piece
        pieces.append(String(taken))
        rest = rest[taken.endIndex...]
      }
    }
    return pieces
  }
}
