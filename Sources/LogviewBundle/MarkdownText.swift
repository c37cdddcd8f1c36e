/// Text made to stand in Markdown as written (GitHub's and CommonMark's; chat tools and
/// trackers read the same marks), in a table cell, a list item or a heading.
public enum MarkdownText {
  /// Escapes what would be read as structure: `|` (ends a table cell), a backtick (a code
  /// span), `*` and `~` (emphasis, strikethrough), `_` at the edge of a word (inside one, as
  /// in `payment_timeout`, it never is), `[` (a link) and `<` (HTML); a backslash only before
  /// ASCII punctuation, where it would escape it. A line break becomes `\n`, so one record
  /// stays one row (record text comes with its controls escaped already).
  public static func inline(_ text: String) -> String {
    // Every mark is ASCII: the text is read as bytes, and a byte of a multi-byte character
    // counts as part of a word.
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 8)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "~"),
        UInt8(ascii: "["), UInt8(ascii: "<"):
        out.append(UInt8(ascii: "\\"))
        out.append(b)
      case UInt8(ascii: "_"):
        let inWord = i > 0 && i + 1 < bytes.count && isWord(bytes[i - 1]) && isWord(bytes[i + 1])
        if !inWord { out.append(UInt8(ascii: "\\")) }
        out.append(b)
      case UInt8(ascii: "\\"):
        out.append(b)
        if i + 1 < bytes.count, isASCIIPunctuation(bytes[i + 1]) { out.append(b) }
      case 0x0D, 0x0A:
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "n"))
        if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
      default:
        out.append(b)
      }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `text` cut to `limit` characters, the cut marked by `…`.
  public static func cut(_ text: String, to limit: Int) -> String {
    // No more bytes than the limit: no more characters either (and no count of them).
    guard text.utf8.count > limit, text.count > limit else { return text }
    return String(text.prefix(max(0, limit - 1))) + "…"
  }

  /// `text` as an inline code span: fenced by one backtick more than its longest run of
  /// them, padded with a space when it starts or ends with one.
  public static func codeSpan(_ text: String) -> String {
    let fence = String(repeating: "`", count: longestBacktickRun(Array(text.utf8)) + 1)
    let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
    return fence + pad + text + pad + fence
  }

  /// The fence of a code block holding `bytes`: backticks, one more than the longest run of
  /// them inside and at least three, so no line inside can close it.
  public static func fence(around bytes: [UInt8]) -> String {
    String(repeating: "`", count: max(3, longestBacktickRun(bytes) + 1))
  }

  static func longestBacktickRun(_ bytes: [UInt8]) -> Int {
    var longest = 0
    var run = 0
    for byte in bytes {
      run = byte == UInt8(ascii: "`") ? run + 1 : 0
      longest = max(longest, run)
    }
    return longest
  }

  private static func isWord(_ b: UInt8) -> Bool {
    b >= 0x80 || (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10
  }

  private static func isASCIIPunctuation(_ b: UInt8) -> Bool {
    (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b)
      || (0x7B...0x7E).contains(b)
  }
}
