/// The masker's second pass (after URL user-info): named values, bearer tokens, AWS access
/// key IDs and JSON web tokens, left to right. Every rule starts at a byte it can tell from
/// its neighbours (a separator, or a word boundary) and looks a bounded distance back, so
/// the pass stays linear.
struct SecretMaskScan {
  private typealias M = SecretMasker
  private let s: [UInt8]
  private(set) var out: [UInt8] = []
  /// `s[..<copied]` is in `out` already.
  private var copied = 0
  private var i = 0

  private static let bearerWord = Array("bearer".utf8)
  private static let webTokenStart = Array("eyJ".utf8)

  init(_ s: [UInt8]) {
    self.s = s
    out.reserveCapacity(s.count)
  }

  mutating func run() {
    while i < s.count {
      let b = s[i]
      let boundary = i == 0 || !M.isAlnum(s[i - 1])
      let masked: Bool
      switch b {
      case UInt8(ascii: "="), UInt8(ascii: ":"): masked = namedValue(separator: i)
      case UInt8(ascii: "b"), UInt8(ascii: "B"): masked = boundary && bearer(at: i)
      case UInt8(ascii: "A"): masked = boundary && accessKeyID(at: i)
      case UInt8(ascii: "e"): masked = webToken(at: i)
      default: masked = false
      }
      if !masked { i += 1 }
    }
    out += s[copied...]
  }

  /// Replaces `s[from..<to]` with the mask and goes on after it.
  private mutating func maskRange(_ from: Int, _ to: Int) {
    out += s[copied..<from]
    out += M.mask.utf8
    copied = to
    i = to
  }

  // MARK: - Rules

  /// `NAME=value`, `NAME: value`, `"NAME":"value"` with NAME ending in a masked name.
  private mutating func namedValue(separator e: Int) -> Bool {
    if M.isSchemeSeparator(s, e) { return false }
    var nameEnd = e
    // Spaces before the separator were skipped by no earlier separator: each is seen once.
    while nameEnd > 0, M.isSpace(s[nameEnd - 1]) { nameEnd -= 1 }
    if nameEnd > 0, s[nameEnd - 1] == UInt8(ascii: "\"") || s[nameEnd - 1] == UInt8(ascii: "'") {
      nameEnd -= 1
    }
    // Most separators follow no masked name: one bit tells by the name's last letter.
    guard nameEnd > 0, M.endsSomeName(s[nameEnd - 1]) else { return false }
    let named = M.maskedNames.contains { name in
      let start = nameEnd - name.count
      return M.hasFolded(s, at: start, name) && (start == 0 || !M.isAlnum(s[start - 1]))
    }
    guard named else { return false }
    var v = e + 1
    while v < s.count, M.isSpace(s[v]) { v += 1 }
    guard v < s.count, !hasMask(at: v) else { return false }
    let first = s[v]
    if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
      // To the closing quote, which stays; a backslash escapes the byte after it.
      var q = v + 1
      while q < s.count, s[q] != first { q += s[q] == UInt8(ascii: "\\") ? 2 : 1 }
      maskRange(v + 1, min(q, s.count))
      return true
    }
    var end = v
    // "Authorization: Bearer xyz": the scheme goes with the credentials.
    for scheme in M.schemes where M.hasFolded(s, at: v, scheme) {
      let after = v + scheme.count
      if after < s.count, M.isSpace(s[after]) {
        end = after
        while end < s.count, M.isSpace(s[end]) { end += 1 }
        break
      }
    }
    end = valueEnd(from: end)
    guard end > v else { return false }
    maskRange(v, end)
    return true
  }

  /// `Bearer xyz`: the word after it.
  private mutating func bearer(at b: Int) -> Bool {
    let after = b + Self.bearerWord.count
    guard M.hasFolded(s, at: b, Self.bearerWord), after < s.count, M.isSpace(s[after]) else {
      return false
    }
    var v = after
    while v < s.count, M.isSpace(s[v]) { v += 1 }
    let end = valueEnd(from: v)
    guard end > v, !hasMask(at: v) else { return false }
    maskRange(v, end)
    return true
  }

  /// `AKIA` or `ASIA` and 16 capitals or digits, standing alone.
  private mutating func accessKeyID(at a: Int) -> Bool {
    let end = a + 20
    guard end <= s.count, s[a + 1] == UInt8(ascii: "K") || s[a + 1] == UInt8(ascii: "S"),
      s[a + 2] == UInt8(ascii: "I"), s[a + 3] == UInt8(ascii: "A"),
      s[(a + 4)..<end].allSatisfy({ $0 &- UInt8(ascii: "A") < 26 || $0 &- UInt8(ascii: "0") < 10 }),
      end == s.count || !M.isAlnum(s[end])
    else { return false }
    maskRange(a, end)
    return true
  }

  /// `eyJ…` with at least three dot-separated parts: a JSON web token (its header starts
  /// `{"`, which base64 spells `eyJ`). Only where a run of token bytes starts, so each run
  /// is read once.
  private mutating func webToken(at e: Int) -> Bool {
    guard e == 0 || !Self.isTokenByte(s[e - 1]), e + 3 <= s.count,
      s[e..<(e + 3)].elementsEqual(Self.webTokenStart)
    else { return false }
    var end = e
    var dots = 0
    while end < s.count, Self.isTokenByte(s[end]) {
      if s[end] == UInt8(ascii: ".") { dots += 1 }
      end += 1
    }
    guard dots >= 2 else { return false }
    maskRange(e, end)
    return true
  }

  // MARK: - Bytes

  private func hasMask(at v: Int) -> Bool {
    v + 3 <= s.count && s[v] == UInt8(ascii: "*") && s[v + 1] == UInt8(ascii: "*")
      && s[v + 2] == UInt8(ascii: "*")
  }

  /// Where an unquoted value ends: a space, tab, quote, '&', ',' or ';'.
  private func valueEnd(from v: Int) -> Int {
    var end = v
    while end < s.count {
      switch s[end] {
      case 0x20, 0x09, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "&"),
        UInt8(ascii: ","), UInt8(ascii: ";"):
        return end
      default: end += 1
      }
    }
    return end
  }

  /// Base64url and the dots between a web token's parts.
  private static func isTokenByte(_ b: UInt8) -> Bool {
    M.isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
  }
}
