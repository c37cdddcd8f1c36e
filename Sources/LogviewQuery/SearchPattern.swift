import LogviewCore

/// What the explorer's `/` looks for: a regular expression with smart case, as less, vim and
/// lnav read it (all lowercase ignores case; an uppercase letter outside escapes makes the
/// search exact), matched by the filter's own regex engine (`RegexMatcher`: PCRE2, RE2 where
/// PCRE2 gives up). Text that is not a valid expression is searched as it is written, with
/// the filter words' SubstringSearch, as is a pattern with no special character. So
/// `/timeout` finds the records the filter `timeout` keeps, and `/time(d)? ?out` those
/// `/time(d)? ?out/i` keeps.
public struct SearchPattern: Sendable {
  public let text: String
  /// False when the text is not a valid expression and is searched literally.
  public let isRegex: Bool
  public let ignoresCase: Bool
  let node: FilterNode

  public init?(_ text: String) {
    guard !text.isEmpty else { return nil }
    self.text = text
    ignoresCase = !Self.hasUppercase(text)
    let literal = FilterNode.text(SubstringSearch(text, ignoringCase: ignoresCase))
    if !text.utf8.contains(where: Self.isSpecial) {
      // A plain word is a filter word, folded the same way (ASCII only; a regex would fold
      // "ÉCOLE" too), and found by the faster byte search.
      isRegex = true
      node = literal
    } else if let regex = try? RegexMatcher(pattern: text, flags: ignoresCase ? "i" : "") {
      isRegex = true
      node = .textRegex(regex)
    } else {
      isRegex = false
      node = literal
    }
  }

  /// The characters that make a pattern more than its text.
  static func isSpecial(_ c: UInt8) -> Bool {
    Array(#"\^$.|?*+()[]{}"#.utf8).contains(c)
  }

  /// True when the pattern matches somewhere in `bytes` (a record's raw text).
  public func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
    switch node {
    case .textRegex(let regex): regex.matches(bytes)
    case .text(let search): search.occurs(in: bytes)
    default: false
    }
  }

  /// Byte ranges of the matches in `bytes`, left to right, none empty (what a highlight
  /// marks).
  public func ranges(in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
    switch node {
    case .textRegex(let regex): regex.ranges(in: bytes)
    case .text(let search): search.ranges(in: bytes)
    default: []
    }
  }

  /// The records of `filter` (nil: every record) that the pattern matches: what a search
  /// scans, off the UI thread, to count and find its hits in the filtered view.
  public func filter(within filter: Filter?) -> Filter {
    guard let filter, !filter.matchesEverything else { return Filter(root: node) }
    // The filter's tests are mostly cheaper than a regex: they go first.
    return Filter(root: .and([filter.root, node]))
  }

  /// Records the regex gave up on (its step limit, with no linear-time engine to decide).
  public var limitHits: Int {
    if case .textRegex(let regex) = node { return regex.limitHits }
    return 0
  }

  /// Smart case: an uppercase letter written as a letter to match. Escapes (`\S`, `\W`,
  /// `\p{Lu}`, `\x{41}`), group names (`(?<Name>`) and back references by name are syntax,
  /// not text; the text of `\Q...\E` is text.
  static func hasUppercase(_ text: String) -> Bool {
    let p = Array(text.unicodeScalars)
    var i = 0
    var quoted = false
    while i < p.count {
      let c = p[i]
      if quoted {
        if c == "\\", i + 1 < p.count, p[i + 1] == "E" {
          quoted = false
          i += 2
          continue
        }
      } else if c == "\\", i + 1 < p.count {
        quoted = p[i + 1] == "Q"
        i = quoted ? i + 2 : escapeEnd(p, at: i)
        continue
      } else if c == "(", i + 2 < p.count, p[i + 1] == "?" {
        i = groupNameEnd(p, at: i)
        continue
      }
      if c.properties.isUppercase { return true }
      i += 1
    }
    return false
  }

  /// Where the escape at `i` ends: `\` and one character, through a `{...}` or `<...>` body
  /// for the escapes that take one.
  private static func escapeEnd(_ p: [Unicode.Scalar], at i: Int) -> Int {
    let letter = p[i + 1]
    var end = i + 2
    guard end < p.count, "pPxNogk".unicodeScalars.contains(letter) else { return end }
    let close: Unicode.Scalar? =
      switch p[end] {
      case "{": "}"
      case "<": ">"
      case "'": "'"
      default: nil
      }
    guard let close else { return end }
    end += 1
    while end < p.count, p[end] != close { end += 1 }
    return min(end + 1, p.count)
  }

  /// Past a group's name (`(?<Name>`, `(?P<Name>`, `(?'Name'`, `(?P=Name)`, `(?&Name)`,
  /// `(?P>Name)`), or just past `(?` for other groups.
  private static func groupNameEnd(_ p: [Unicode.Scalar], at i: Int) -> Int {
    var j = i + 2
    let named = p[j] == "P" && j + 1 < p.count
    if named { j += 1 }
    let close: Unicode.Scalar? =
      switch p[j] {
      // Not the lookbehinds `(?<=` and `(?<!`.
      case "<" where j + 1 < p.count && p[j + 1] != "=" && p[j + 1] != "!": ">"
      case "'": "'"
      case "&": ")"
      case "=" where named, ">" where named: ")"
      default: nil
      }
    guard let close else { return i + 2 }
    j += 1
    while j < p.count, p[j] != close { j += 1 }
    return j
  }
}
