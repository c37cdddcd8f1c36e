import LogviewCore

/// Wrapping the detail text on demand: `ensure(lines:)` wraps on from where it stopped, a
/// line at a time, so the lines before the pane's bottom are all that is ever wrapped.
extension DetailText {
  struct Line {
    var entry: Int32
    /// The piece of the entry's shown bytes on this line (relative to their start).
    var start: Int32
    var end: Int32
    var part: Part
  }

  enum Part: UInt8 {
    /// The first line of an entry: its key, then the first piece of its value.
    case first
    /// The first line, with the note after the value.
    case firstWithNote
    case continuation
    /// The note on a line of its own (it did not fit beside the value).
    case note
  }

  /// Wraps until `count` lines exist or the text ends; returns how many lines there are.
  @discardableResult
  func ensure(lines count: Int) -> Int {
    while lines.count < count, wrapNext() {}
    return lines.count
  }

  /// The entry's display text before its value: indentation and key.
  func label(of index: Int) -> String {
    let entry = entries[index]
    let pad = String(repeating: "  ", count: Int(entry.depth))
    let key = String(decoding: store[entry.key], as: UTF8.self)
    switch entry.kind {
    case .value: return pad + TextSanitizer.sanitized(key) + ": "
    case .header: return pad + TextSanitizer.sanitized(key) + ":"
    case .item: return pad + key + " "
    case .rawTitle: return "raw:"
    case .raw: return "  "
    }
  }

  /// The first line of each entry `entry`, found by binary search over the wrapped lines;
  /// nil when it is not wrapped yet.
  func firstLine(of entry: Int) -> Int? {
    var low = 0
    var high = lines.count
    while low < high {
      let mid = (low + high) / 2
      if Int(lines[mid].entry) < entry { low = mid + 1 } else { high = mid }
    }
    return low < lines.count && Int(lines[low].entry) == entry ? low : nil
  }

  /// The lines `entry` spans, wrapping as far as needed.
  func lineRange(of entry: Int) -> Range<Int> {
    while !complete, lines.last.map({ Int($0.entry) <= entry }) ?? true {
      wrapNext()
    }
    guard let first = firstLine(of: entry) else { return lines.count..<lines.count }
    var end = first + 1
    while end < lines.count, Int(lines[end].entry) == entry { end += 1 }
    return first..<end
  }

  /// Line `index` as styled text (it must be wrapped already).
  func row(_ index: Int, palette: Palette) -> RowText {
    let line = lines[index]
    let entryIndex = Int(line.entry)
    let entry = entries[entryIndex]
    var row = RowText()
    let label = label(of: entryIndex)
    let labelStyle = entry.kind == .raw || entry.kind == .rawTitle ? palette.dim : palette.key
    switch line.part {
    case .first, .firstWithNote: row.append(label, labelStyle)
    case .continuation, .note:
      row.append(String(repeating: " ", count: DisplayWidth.of(label)), labelStyle)
    }
    if line.part != .note, let shown = entry.shown {
      let piece = store[(shown.lowerBound + Int(line.start))..<(shown.lowerBound + Int(line.end))]
      row.append(String(decoding: piece, as: UTF8.self), entry.kind == .raw ? palette.dim : .plain)
    }
    if line.part == .firstWithNote || line.part == .note, let note = notes[entryIndex] {
      row.append((line.part == .note ? "" : "  ") + note, palette.dim)
    }
    return row
  }

  /// Wraps one more line; false once the text is all wrapped.
  @discardableResult
  private func wrapNext() -> Bool {
    guard nextEntry < entries.count else {
      complete = true
      return false
    }
    let index = nextEntry
    let kind = entries[index].kind
    if notePending {
      lines.append(Line(entry: Int32(index), start: 0, end: 0, part: .note))
      notePending = false
      finishEntry()
      return true
    }
    if kind == .header || kind == .rawTitle {
      lines.append(Line(entry: Int32(index), start: 0, end: 0, part: .first))
      finishEntry()
      return true
    }
    let shown = prepared(index)
    let labelWidth = DisplayWidth.of(label(of: index))
    let room = max(8, width - labelWidth)
    let (end, next) = store.withUnsafeBufferPointer {
      Self.piece(
        UnsafeBufferPointer(rebasing: $0[shown]), from: nextOffset, columns: room,
        breaksAtNewline: kind == .raw)
    }
    let first = nextOffset == 0 && (lines.last.map { Int($0.entry) != index } ?? true)
    var line = Line(
      entry: Int32(index), start: Int32(nextOffset), end: Int32(end),
      part: first ? .first : .continuation)
    let done = next >= shown.count && !(kind == .raw && next == end + 1 && next == shown.count)
    if done, let note = notes[index] {
      let value = String(decoding: store[shown], as: UTF8.self)
      let fits = first && DisplayWidth.of(value) + 2 + DisplayWidth.of(note) <= room
      if fits { line.part = .firstWithNote } else { notePending = true }
    }
    lines.append(line)
    if done {
      if !notePending { finishEntry() }
    } else {
      nextOffset = next
    }
    return true
  }

  private func finishEntry() {
    nextEntry += 1
    nextOffset = 0
  }

  /// The piece of `bytes` from `start` that fits `columns` (never splitting a character),
  /// stopping at a newline when `breaksAtNewline`; and where the next piece starts. Looks at
  /// a window a few times the width, so a piece of a 20 MB value costs its own length.
  static func piece(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, columns: Int, breaksAtNewline: Bool
  ) -> (end: Int, next: Int) {
    let count = bytes.count
    var span = columns * 4 + 64
    while true {
      var window = min(count, start + span)
      // Never cut a UTF-8 sequence at the window's end (at most three continuation bytes).
      var back = 0
      while back < 3, window < count, window > start, bytes[window] & 0xC0 == 0x80 {
        window -= 1
        back += 1
      }
      var limit = window
      var newline = false
      if breaksAtNewline,
        let at = bytes[start..<window].firstIndex(of: 0x0A)
      {
        limit = at
        newline = true
      }
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<limit]), as: UTF8.self)
      var taken = DisplayWidth.prefix(text, fitting: columns).text.utf8.count
      // A character wider than the whole room still takes a line of its own.
      if taken == 0, let first = text.first { taken = String(first).utf8.count }
      let end = start + taken
      if end == limit, !newline, window < count {
        // All of the window fit: look further (combining marks can make text denser).
        span *= 2
        continue
      }
      return (end, newline && end == limit ? limit + 1 : end)
    }
  }
}

extension DetailText {
  /// The entry of cursor stop `field` (clamped to the record's fields); nil when it has none.
  func stopEntry(_ field: Int) -> Int? {
    stops.isEmpty ? nil : stops[min(max(0, field), stops.count - 1)]
  }

  /// The lines the cursor's field spans.
  func cursorLines(_ field: Int) -> Range<Int>? {
    stopEntry(field).map { lineRange(of: $0) }
  }

  /// The path of the field whose first line is `line`, nil for any other line.
  func fieldPath(startingLine line: Int) -> String? {
    let entry = Int(lines[line].entry)
    let kind = entries[entry].kind
    guard kind == .value || kind == .header,
      lines[line].part == .first
        || lines[line].part == .firstWithNote
    else { return nil }
    return path(of: entry)
  }

  /// The cursor stop whose field shows on `line` or first after it.
  func stop(atOrAfterLine line: Int) -> Int? {
    guard line < lines.count else { return nil }
    let entry = Int(lines[line].entry)
    var low = 0
    var high = stops.count
    while low < high {
      let mid = (low + high) / 2
      if stops[mid] < entry { low = mid + 1 } else { high = mid }
    }
    return low < stops.count ? low : nil
  }
}
