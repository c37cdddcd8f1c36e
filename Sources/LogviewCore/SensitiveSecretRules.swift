/// `SensitiveScan`'s rules for credentials: named values, bearer tokens, AWS access key IDs,
/// JSON web tokens and private key blocks (URL passwords: `SensitiveURLRule`).
extension SensitiveScan {
  /// The names whose values are secrets, folded: lowercase, with `_` for `-` and `.`.
  static let names: [[UInt8]] = [
    "password", "passwd", "pwd", "pass", "secret", "token", "auth", "authorization", "apikey",
    "api_key", "private_key", "access_key", "secret_key", "cookie", "credential",
    "credentials", "jwt", "bearer",
  ].map { Array($0.utf8) }

  /// Names that in records also name other things (a payment authorization ID): their
  /// value counts only when it starts with an authorization scheme.
  private static let schemeOnlyNames: Set<[UInt8]> = [
    Array("auth".utf8), Array("authorization".utf8),
  ]

  /// Bit n set when a name ends in the letter n after 'a'.
  private static let lastLetters: UInt32 = names.reduce(0) { bits, name in
    bits | 1 << UInt32(name[name.count - 1] &- UInt8(ascii: "a"))
  }

  /// Authorization schemes a header value starts with; the credentials follow them.
  static let schemes: [[UInt8]] = ["bearer", "basic", "digest", "token", "negotiate"].map {
    Array($0.utf8)
  }

  private static let bearerWord = Array("bearer".utf8)

  // MARK: - Named values

  /// `NAME=value`, `NAME: value`, `"NAME":"value"` with NAME ending in one of `names`.
  mutating func namedValue(separator e: Int) -> SensitiveFinding? {
    var nameEnd = e
    // Spaces before the separator are passed by no earlier separator: each is read once.
    while nameEnd > floor, Self.isSpace(s[nameEnd - 1]) { nameEnd -= 1 }
    if nameEnd > floor, s[nameEnd - 1] == UInt8(ascii: "\"") || s[nameEnd - 1] == UInt8(ascii: "'")
    {
      nameEnd -= 1
      // `{\"password\":\"x\"}`: JSON inside a JSON string.
      if json, nameEnd > floor, s[nameEnd - 1] == UInt8(ascii: "\\") { nameEnd -= 1 }
    }
    // Most separators follow no such name: one bit tells by the name's last letter.
    guard nameEnd > floor, endsSomeName(s[nameEnd - 1]), let name = name(endingAt: nameEnd)
    else { return nil }
    var v = e + 1
    while v < s.count, Self.isSpace(s[v]) { v += 1 }
    guard v < s.count, v != pending?.range.lowerBound, !isPlaceholder(at: v) else { return nil }
    let first = s[v]
    if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
      return quotedValue(from: v + 1, quote: first, name: name)
    }
    if json, first == UInt8(ascii: "\\"), byte(v + 1) == UInt8(ascii: "\"") {
      return quotedValue(from: v + 2, quote: UInt8(ascii: "\""), escaped: true, name: name)
    }
    if json, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || isLiteral(at: v) {
      return nil
    }
    var end = v
    var kind = SensitiveKind.secretField
    // "Authorization: Bearer xyz": the scheme goes with the credentials.
    if let after = scheme(at: v) {
      end = after
      kind = .bearerToken
    } else if !messages, Self.schemeOnlyNames.contains(name) {
      return nil
    }
    end = valueEnd(from: end)
    guard end > v else { return nil }
    return SensitiveFinding(kind, v..<end)
  }

  /// A quoted value from `start` to its closing quote (a backslash escapes the byte after
  /// it; to the end when it is not closed). `escaped`: `\"value\"` inside a JSON string,
  /// which ends at the escaped quote.
  private func quotedValue(from start: Int, quote: UInt8, escaped: Bool = false, name: [UInt8])
    -> SensitiveFinding?
  {
    var q = start
    while q < s.count, s[q] != quote {
      if s[q] == UInt8(ascii: "\\") {
        if escaped, byte(q + 1) == quote { break }
        q += 2
      } else {
        q += 1
      }
    }
    let end = min(q, s.count)
    let kind: SensitiveKind = scheme(at: start) != nil ? .bearerToken : .secretField
    if !messages {
      guard end > start, !isPlaceholder(at: start) else { return nil }
      if kind == .secretField, Self.schemeOnlyNames.contains(name) { return nil }
    }
    return SensitiveFinding(kind, start..<end)
  }

  /// The masked name `s[..<nameEnd]` ends with, at a word start or camel-case hump.
  private func name(endingAt nameEnd: Int) -> [UInt8]? {
    for k in Self.names.indices {
      let start = nameEnd - Self.names[k].count
      guard start >= floor, hasFolded(at: start, Self.names[k]) else { continue }
      if start == 0 || !Self.isAlnum(s[start - 1]) { return Self.names[k] }
      // `dbPassword`, `accessToken`: a capital after a lowercase letter or digit.
      let before = s[start - 1]
      if s[start] &- UInt8(ascii: "A") < 26, before &- UInt8(ascii: "A") >= 26 {
        return Self.names[k]
      }
    }
    return nil
  }

  private func endsSomeName(_ byte: UInt8) -> Bool {
    let letter = Self.folded(byte) &- UInt8(ascii: "a")
    return letter < 26 && Self.lastLetters & 1 << UInt32(letter) != 0
  }

  /// After an authorization scheme and the spaces after it, if `at` starts with one.
  private func scheme(at v: Int) -> Int? {
    for scheme in Self.schemes where hasFolded(at: v, scheme) {
      var after = v + scheme.count
      guard after < s.count, Self.isSpace(s[after]) else { continue }
      while after < s.count, Self.isSpace(s[after]) { after += 1 }
      return after
    }
    return nil
  }

  /// Where an unquoted value ends.
  func valueEnd(from v: Int) -> Int {
    var end = v
    while end < s.count {
      switch s[end] {
      case 0x20, 0x09, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "&"),
        UInt8(ascii: ","), UInt8(ascii: ";"):
        return end
      case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "\\"):
        if json { return end }
        end += 1
      default: end += 1
      }
    }
    return end
  }

  /// A value that is already masked, or says it is hidden: `***`, `[REDACTED]`,
  /// `<hidden>`, `redacted`, `filtered`. Text of logview's own: `***` only.
  private func isPlaceholder(at v: Int) -> Bool {
    let first = s[v]
    if first == UInt8(ascii: "*") { return byte(v + 1) == first && byte(v + 2) == first }
    if messages { return false }
    if first == UInt8(ascii: "[") || first == UInt8(ascii: "<") { return true }
    return Self.placeholders.contains { word in
      hasFolded(at: v, word) && !(byte(v + word.count).map(Self.isAlnum) ?? false)
    }
  }

  private static let placeholders = ["redacted", "filtered", "hidden", "masked", "none"].map {
    Array($0.utf8)
  }

  /// `true`, `false` or `null` in a JSON record.
  private func isLiteral(at v: Int) -> Bool {
    for word in Self.literals where hasFolded(at: v, word) {
      return !(byte(v + word.count).map(Self.isAlnum) ?? false)
    }
    return false
  }

  private static let literals = ["true", "false", "null"].map { Array($0.utf8) }

  // MARK: - Tokens and keys

  /// `Bearer xyz`: the word after it.
  mutating func bearer(at b: Int) -> SensitiveFinding? {
    let after = b + Self.bearerWord.count
    guard hasFolded(at: b, Self.bearerWord), after < s.count, Self.isSpace(s[after]) else {
      return nil
    }
    var v = after
    while v < s.count, Self.isSpace(s[v]) { v += 1 }
    let end = valueEnd(from: v)
    guard end > v, !isPlaceholder(at: v), messages || looksLikeToken(v..<end) else { return nil }
    return SensitiveFinding(.bearerToken, v..<end)
  }

  /// 12 bytes or more, with a letter and a digit: not the next word of a sentence.
  private func looksLikeToken(_ range: Range<Int>) -> Bool {
    guard range.count >= 12 else { return false }
    var letter = false
    var digit = false
    for k in range {
      if Self.isDigit(s[k]) { digit = true } else if Self.isAlnum(s[k]) { letter = true }
    }
    return letter && digit
  }

  /// `AKIA` or `ASIA` and 16 capitals or digits, standing alone.
  func accessKeyID(at a: Int) -> SensitiveFinding? {
    let end = a + 20
    guard end <= s.count, s[a + 1] == UInt8(ascii: "K") || s[a + 1] == UInt8(ascii: "S"),
      s[a + 2] == UInt8(ascii: "I"), s[a + 3] == UInt8(ascii: "A"),
      end == s.count || !Self.isAlnum(s[end])
    else { return nil }
    for k in (a + 4)..<end where s[k] &- UInt8(ascii: "A") >= 26 && !Self.isDigit(s[k]) {
      return nil
    }
    return SensitiveFinding(.awsKey, a..<end)
  }

  /// `eyJ…` with at least three dot-separated parts. Only where a run of token bytes starts,
  /// so each run is read once.
  func webToken(at e: Int) -> SensitiveFinding? {
    guard e == 0 || !Self.isTokenByte(s[e - 1]) || escapes(e - 1), byte(e + 1) == UInt8(ascii: "y"),
      byte(e + 2) == UInt8(ascii: "J")
    else { return nil }
    var end = e
    var dots = 0
    var secondPart = -1
    while end < s.count, Self.isTokenByte(s[end]) {
      if s[end] == UInt8(ascii: ".") {
        dots += 1
        if dots == 1 { secondPart = end + 1 }
      }
      end += 1
    }
    guard dots >= 2 else { return nil }
    if !messages {
      guard byte(secondPart) == UInt8(ascii: "e"), byte(secondPart + 1) == UInt8(ascii: "y"),
        byte(secondPart + 2) == UInt8(ascii: "J")
      else { return nil }
    }
    return SensitiveFinding(.webToken, e..<end)
  }

  /// Base64url and the dots between a web token's parts.
  static func isTokenByte(_ b: UInt8) -> Bool {
    isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
  }

  // MARK: - Folding

  /// Lowercase ASCII, `_` for `-` and `.`: how names are compared.
  static func folded(_ b: UInt8) -> UInt8 {
    if b == UInt8(ascii: "-") || b == UInt8(ascii: ".") { return UInt8(ascii: "_") }
    return b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b
  }

  /// `s[at..<at + word.count]` folded equals `word`.
  func hasFolded(at: Int, _ word: [UInt8]) -> Bool {
    guard at >= 0, at + word.count <= s.count else { return false }
    for k in word.indices where Self.folded(s[at + k]) != word[k] { return false }
    return true
  }
}
