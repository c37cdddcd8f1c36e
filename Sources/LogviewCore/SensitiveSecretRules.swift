/// `SensitiveScan`'s rules for credentials: named values, bearer tokens, AWS access key IDs,
/// JSON web tokens and private key blocks (URL passwords: `SensitiveURLRule`).
extension SensitiveScan {
  /// The names whose values are secrets, folded: lowercase, with `_` for `-` and `.`. Static
  /// strings: read through a pointer, with no reference count to touch per use.
  static let names: [StaticString] = [
    "password", "passwd", "pwd", "pass", "secret", "token", "auth", "authorization", "apikey",
    "api_key", "private_key", "access_key", "secret_key", "cookie", "credential",
    "credentials", "jwt", "bearer",
  ]

  /// Authorization schemes a header value starts with; the credentials follow them.
  static let schemes: [StaticString] = ["bearer", "basic", "digest", "token", "negotiate"]

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
    // Most separators follow no such name: the last letter tells.
    guard nameEnd > floor, Self.endsSomeName(s[nameEnd - 1]), let name = name(endingAt: nameEnd)
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
    } else if !messages, Self.isSchemeOnly(name) {
      return nil
    }
    end = valueEnd(from: end)
    guard end > v else { return nil }
    return SensitiveFinding(kind, v..<end)
  }

  /// A quoted value from `start` to its closing quote (a backslash escapes the byte after
  /// it; to the end when it is not closed). `escaped`: `\"value\"` inside a JSON string,
  /// which ends at the escaped quote.
  private func quotedValue(
    from start: Int, quote: UInt8, escaped: Bool = false, name: StaticString
  )
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
      if kind == .secretField, Self.isSchemeOnly(name) { return nil }
    }
    return SensitiveFinding(kind, start..<end)
  }

  /// The name `s[..<nameEnd]` ends with, at a word start or camel-case hump.
  private func name(endingAt nameEnd: Int) -> StaticString? {
    for name in Self.names
    where name.utf8Start[name.utf8CodeUnitCount - 1] == Self.folded(s[nameEnd - 1]) {
      let start = nameEnd - name.utf8CodeUnitCount
      guard start >= floor, hasFolded(at: start, name) else { continue }
      if start == 0 || !ASCIIKind.isAlphanumeric(s[start - 1]) { return name }
      // `dbPassword`, `accessToken`: a capital after a lowercase letter or digit.
      let before = s[start - 1]
      if s[start] &- UInt8(ascii: "A") < 26, before &- UInt8(ascii: "A") >= 26 { return name }
    }
    return nil
  }

  /// Whether some name ends in this letter (d s t n h y e l r), any case.
  @inline(__always)
  static func endsSomeName(_ byte: UInt8) -> Bool {
    switch byte | 0x20 {
    case UInt8(ascii: "d"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "n"),
      UInt8(ascii: "h"), UInt8(ascii: "y"), UInt8(ascii: "e"), UInt8(ascii: "l"),
      UInt8(ascii: "r"):
      true
    default: false
    }
  }

  /// `auth` and `authorization`, which in records also name other things (a payment
  /// authorization ID): their value counts only when it starts with an authorization scheme.
  static func isSchemeOnly(_ name: StaticString) -> Bool {
    let n = name.utf8CodeUnitCount
    return (n == 4 || n == 13) && name.utf8Start[0] == UInt8(ascii: "a")
  }

  /// After an authorization scheme and the spaces after it, if `at` starts with one.
  private func scheme(at v: Int) -> Int? {
    for scheme in Self.schemes where hasFolded(at: v, scheme) {
      var after = v + scheme.utf8CodeUnitCount
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
    for word in Self.placeholders where hasFolded(at: v, word) {
      return !(byte(v + word.utf8CodeUnitCount).map(ASCIIKind.isAlphanumeric) ?? false)
    }
    return false
  }

  private static let placeholders: [StaticString] = [
    "redacted", "filtered", "hidden", "masked", "none",
  ]

  /// `true`, `false` or `null` in a JSON record.
  private func isLiteral(at v: Int) -> Bool {
    for word in Self.literals where hasFolded(at: v, word) {
      return !(byte(v + word.utf8CodeUnitCount).map(ASCIIKind.isAlphanumeric) ?? false)
    }
    return false
  }

  private static let literals: [StaticString] = ["true", "false", "null"]

  // MARK: - Tokens and keys

  /// `Bearer xyz`: the word after it.
  mutating func bearer(at b: Int) -> SensitiveFinding? {
    let word: StaticString = "bearer"
    let after = b + word.utf8CodeUnitCount
    guard hasFolded(at: b, word), after < s.count, Self.isSpace(s[after]) else {
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
      if ASCIIKind.isDigit(s[k]) {
        digit = true
      } else if ASCIIKind.isAlphanumeric(s[k]) {
        letter = true
      }
    }
    return letter && digit
  }

  /// `AKIA` or `ASIA` and 16 capitals or digits, standing alone.
  func accessKeyID(at a: Int) -> SensitiveFinding? {
    let end = a + 20
    guard end <= s.count, s[a + 1] == UInt8(ascii: "K") || s[a + 1] == UInt8(ascii: "S"),
      s[a + 2] == UInt8(ascii: "I"), s[a + 3] == UInt8(ascii: "A"),
      end == s.count || !ASCIIKind.isAlphanumeric(s[end])
    else { return nil }
    for k in (a + 4)..<end where s[k] &- UInt8(ascii: "A") >= 26 && !ASCIIKind.isDigit(s[k]) {
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
    ASCIIKind.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
      || b == UInt8(ascii: ".")
  }

  // MARK: - Folding

  /// Lowercase ASCII, `_` for `-` and `.`: how names are compared.
  static func folded(_ b: UInt8) -> UInt8 {
    if b == UInt8(ascii: "-") || b == UInt8(ascii: ".") { return UInt8(ascii: "_") }
    return b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b
  }

  /// `s[at..<at + word.count]` folded equals `word` (lowercase, `_` for `-` and `.`).
  func hasFolded(at: Int, _ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at >= 0, at + count <= s.count else { return false }
    let w = word.utf8Start
    for k in 0..<count where Self.folded(s[at + k]) != w[k] { return false }
    return true
  }
}
