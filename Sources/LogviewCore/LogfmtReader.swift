/// Reads a logfmt line (Go slog's and logrus's text handlers, Heroku, Grafana, structlog's
/// LogfmtRenderer): `key=value` pairs separated by spaces, values bare or double-quoted with
/// Go/JSON escapes (single quotes too, as Python's repr writes them). A line is logfmt when its
/// first token is a pair, it has at least two pairs, and most of its tokens are pairs; prose
/// that merely ends in `key=value` is not.
struct LogfmtReader {
  private var value: [UInt8] = []

  /// Writes the line's pairs as members of `object` (begun by the caller); false, with
  /// `object` in an unspecified state, when the line is not logfmt.
  mutating func read(_ line: UnsafeRawBufferPointer, into object: inout FieldObjectWriter) -> Bool {
    let end = line.count
    var i = 0
    while i < end, ASCIIKind.isSpace(line[i]) { i += 1 }
    // Cheap rejection: a key starts with a letter, '_' or '@'.
    guard i < end, Self.isKeyStart(line[i]) else { return false }
    var pairs = 0
    var others = 0
    while i < end {
      let keyStart = i
      while i < end, Self.isKeyByte(line[i]) { i += 1 }
      let keyEnd = i
      guard keyEnd > keyStart, i < end, line[i] == UInt8(ascii: "=") else {
        // A bare word: allowed between pairs (a key without a value), not before the first.
        guard pairs > 0 else { return false }
        while i < end, !ASCIIKind.isSpace(line[i]) { i += 1 }
        others += 1
        while i < end, ASCIIKind.isSpace(line[i]) { i += 1 }
        continue
      }
      i += 1
      let key = UnsafeRawBufferPointer(rebasing: line[keyStart..<keyEnd])
      if i < end, line[i] == UInt8(ascii: "\"") || line[i] == UInt8(ascii: "'") {
        i = readQuoted(line, from: i, end: end)
        value.withUnsafeBytes { object.addString(key, $0) }
      } else {
        let valueStart = i
        while i < end, !ASCIIKind.isSpace(line[i]) { i += 1 }
        object.addScalar(key, UnsafeRawBufferPointer(rebasing: line[valueStart..<i]))
      }
      pairs += 1
      while i < end, ASCIIKind.isSpace(line[i]) { i += 1 }
    }
    return pairs >= 2 && others <= pairs
  }

  /// Unquotes the value starting at the quote at `start` into `value`; returns the index
  /// after its closing quote (or the end of the line when it has none).
  private mutating func readQuoted(_ line: UnsafeRawBufferPointer, from start: Int, end: Int)
    -> Int
  {
    let quote = line[start]
    var i = start + 1
    var escaped = false
    while i < end, line[i] != quote {
      if line[i] == UInt8(ascii: "\\") {
        escaped = true
        i += 1
      }
      i += 1
    }
    let content = UnsafeRawBufferPointer(rebasing: line[(start + 1)..<min(i, end)])
    value.removeAll(keepingCapacity: true)
    if !escaped {
      value.appendBytes(content)
    } else if quote == UInt8(ascii: "'") {
      Self.appendSingleQuoted(content, to: &value)
    } else {
      JSONStringCodec.appendUnescaped(content, to: &value)
    }
    return min(i + 1, end)
  }

  /// Python repr escapes: \' \\ \n \t; others kept.
  private static func appendSingleQuoted(_ content: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    var i = 0
    while i < content.count {
      let b = content[i]
      guard b == UInt8(ascii: "\\"), i + 1 < content.count else {
        out.append(b)
        i += 1
        continue
      }
      switch content[i + 1] {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(content[i + 1])
      default: out.append(contentsOf: [b, content[i + 1]])
      }
      i += 2
    }
  }

  @inline(__always)
  static func isKeyStart(_ b: UInt8) -> Bool {
    ASCIIKind.isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "@")
  }

  /// Keys as logfmt writers emit them: letters, digits and `_ . - @ /`.
  @inline(__always)
  static func isKeyByte(_ b: UInt8) -> Bool {
    ASCIIKind.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
      || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == UInt8(ascii: "/")
  }
}
