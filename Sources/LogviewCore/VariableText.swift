/// Folds the variable data in a message or a path into placeholders, keeping the wording:
/// "payment declined for ord_981 after 1.2s" -> "payment declined for <id> after <dur>",
/// "/v1/orders/123/items" -> "/v1/orders/<num>/items". The first step of grouping records
/// by message template and of per-route rows; a token is told by `VariableKind.of`.
///
/// Tokens end at spaces and at `, ; ( ) [ ] { } < > = |` (kept as they are), and lose a
/// trailing `. : ! ?`. A quoted string (`"…"`, or `'…'` not after a letter) is one
/// placeholder. A token with `/` is a path or URL: each part between `/ ? & #` folds by
/// itself. A token that is no kind as a whole but holds `:` folds part by part
/// (`status:500` -> `status:<num>`). Folding folded text changes nothing.
public enum VariableText {
  public static func fold(_ text: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    text.withUnsafeBytes { fold($0, into: &out) }
    return out
  }

  public static func fold(_ text: String) -> String {
    String(decoding: fold(Array(text.utf8)), as: UTF8.self)
  }

  /// Appends the folded `text` to `out`.
  public static func fold(_ text: UnsafeRawBufferPointer, into out: inout [UInt8]) {
    out.reserveCapacity(out.count + text.count)
    var i = 0
    while i < text.count {
      let b = text[i]
      if ASCIIKind.isSpace(b) || isSeparator(b) {
        out.append(b)
        i += 1
      } else if isQuote(b), i == 0 || !ASCIIKind.isAlphanumeric(text[i - 1]),
        let close = closingQuote(text, from: i)
      {
        out.append(contentsOf: VariableKind.quoted.placeholderBytes)
        i = close + 1
      } else {
        let start = i
        i += 1
        while i < text.count, !ASCIIKind.isSpace(text[i]), !isSeparator(text[i]),
          text[i] != UInt8(ascii: "\"")
        {
          i += 1
        }
        var end = i
        while end > start + 1, isTrailingPunctuation(text[end - 1]) { end -= 1 }
        appendToken(UnsafeRawBufferPointer(rebasing: text[start..<end]), to: &out)
        out.append(contentsOf: text[end..<i])
      }
    }
  }

  static func appendToken(_ token: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    if let kind = VariableKind.of(token) {
      out.append(contentsOf: kind.placeholderBytes)
    } else if token.contains(UInt8(ascii: "/")) {
      appendParts(of: token, splitAt: isPathSeparator, to: &out)
    } else if token.contains(UInt8(ascii: ":")) {
      appendParts(of: token, splitAt: { $0 == UInt8(ascii: ":") }, to: &out)
    } else {
      out.append(contentsOf: token)
    }
  }

  /// Each part between separators folded as a whole (a path's segments, a URL's host).
  private static func appendParts(
    of token: UnsafeRawBufferPointer, splitAt isSplit: (UInt8) -> Bool, to out: inout [UInt8]
  ) {
    var start = 0
    for i in 0...token.count where i == token.count || isSplit(token[i]) {
      let part = UnsafeRawBufferPointer(rebasing: token[start..<i])
      if let kind = VariableKind.of(part) {
        out.append(contentsOf: kind.placeholderBytes)
      } else {
        out.append(contentsOf: part)
      }
      if i < token.count { out.append(token[i]) }
      start = i + 1
    }
  }

  /// The index of the quote closing the one at `open`, backslash escapes skipped, on the
  /// same line.
  static func closingQuote(_ text: UnsafeRawBufferPointer, from open: Int) -> Int? {
    let quote = text[open]
    var i = open + 1
    while i < text.count {
      let b = text[i]
      if b == quote { return i }
      if b == UInt8(ascii: "\n") { return nil }
      i += b == UInt8(ascii: "\\") ? 2 : 1
    }
    return nil
  }

  static func isSeparator(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
      UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "|"):
      true
    default: false
    }
  }

  static func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") }

  static func isTrailingPunctuation(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ".") || b == UInt8(ascii: ":") || b == UInt8(ascii: "!")
      || b == UInt8(ascii: "?")
  }

  static func isPathSeparator(_ b: UInt8) -> Bool {
    b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "&")
      || b == UInt8(ascii: "#")
  }
}
