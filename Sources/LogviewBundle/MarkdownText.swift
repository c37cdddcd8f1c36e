/// Text made to stand in Markdown as written (GitHub's and CommonMark's; chat tools and
/// trackers read the same marks), in a table cell, a list item or a heading.
public enum MarkdownText {
  /// Escapes what would be read as structure: `|` (ends a table cell), a backtick (a code
  /// span), `*` and `~` (emphasis, strikethrough), `_` at the edge of a word (inside one, as
  /// in `payment_timeout`, it never is), `[` (a link) and `<` (HTML); a backslash only before
  /// ASCII punctuation, where it would escape it. A line break becomes `\n`, so one record
  /// stays one row (record text comes with its controls escaped already).
  public static func inline(_ text: String) -> String {
    let chars = Array(text)
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for (i, c) in chars.enumerated() {
      switch c {
      case "|", "`", "*", "~", "[", "<":
        out += "\\" + String(c)
      case "_":
        let inWord =
          i > 0 && i + 1 < chars.count && isWordCharacter(chars[i - 1])
          && isWordCharacter(chars[i + 1])
        out += inWord ? "_" : "\\_"
      case "\\":
        let beforePunctuation = i + 1 < chars.count && isASCIIPunctuation(chars[i + 1])
        out += beforePunctuation ? "\\\\" : "\\"
      case "\n", "\r\n", "\r":
        out += "\\n"
      default:
        out.append(c)
      }
    }
    return out
  }

  /// `text` cut to `limit` characters, the cut marked by `…`.
  public static func cut(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
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

  private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

  private static func isASCIIPunctuation(_ c: Character) -> Bool {
    guard let ascii = c.asciiValue else { return false }
    return (0x21...0x2F).contains(ascii) || (0x3A...0x40).contains(ascii)
      || (0x5B...0x60).contains(ascii) || (0x7B...0x7E).contains(ascii)
  }
}
