/// `SensitiveScan`'s rules for personal data (records only), conservative: an ordinary ID,
/// timestamp, version, IP address or long number is no finding.
///
/// - `card`: 13 to 19 digits, either in one run or in groups of 3 to 6 separated by single
///   spaces or dashes (the first group of 4), with a card brand's prefix and length (Visa,
///   Mastercard, American Express, Discover, Diners, JCB, UnionPay, Maestro) and a valid Luhn
///   check digit, not part of a longer word, number, decimal or dashed ID.
/// - `email`: `local@domain.tld`, the top-level domain of 2 to 24 letters (so `pkg@1.2.3`
///   and `@timestamp` are none).
/// - `phone`: `+` and 8 to 15 digits in groups (E.164, `+44 20 7946 0958`), or a North
///   American number written `(212) 555-0142`, `212-555-0142` or `212.555.0142`.
extension SensitiveScan {
  // MARK: - Cards

  /// At the first digit of a number: a card number, else a phone number.
  mutating func cardOrPhone(at start: Int) -> SensitiveFinding? {
    card(at: start) ?? northAmericanPhone(at: start, areaEnd: nil)
  }

  private func card(at start: Int) -> SensitiveFinding? {
    var end = digitsEnd(from: start)
    var digits = end - start
    if digits < 13 {
      // Grouped: 4 digits, then groups of 3 to 6 after one kind of separator.
      guard digits == 4, let sep = byte(end), sep == 0x20 || sep == UInt8(ascii: "-") else {
        return nil
      }
      // Past 19 digits it is no card: stop there, so a long run costs no more than 19.
      while digits <= 19, byte(end) == sep, let first = byte(end + 1), ASCIIKind.isDigit(first) {
        let groupEnd = digitsEnd(from: end + 1)
        guard (3...6).contains(groupEnd - end - 1) else { break }
        digits += groupEnd - end - 1
        end = groupEnd
      }
    }
    guard (13...19).contains(digits), numberEnds(at: end), cardBrand(start, end, digits),
      luhn(start, end)
    else { return nil }
    return SensitiveFinding(.card, start..<end)
  }

  private func digitsEnd(from start: Int) -> Int {
    var end = start
    while end < s.count, ASCIIKind.isDigit(s[end]) { end += 1 }
    return end
  }

  /// Nothing continues the number at `end`: no letter, digit, `_`, and no `.`, `-` or `,`
  /// before another digit (a decimal, a longer ID).
  private func numberEnds(at end: Int) -> Bool {
    guard let next = byte(end) else { return true }
    if ASCIIKind.isAlphanumeric(next) || next == UInt8(ascii: "_") { return false }
    if next == UInt8(ascii: ".") || next == UInt8(ascii: "-") {
      return !(byte(end + 1).map(ASCIIKind.isDigit) ?? false)
    }
    return true
  }

  /// A prefix and length some card brand issues.
  private func cardBrand(_ start: Int, _ end: Int, _ length: Int) -> Bool {
    var prefix = 0
    var k = start
    var taken = 0
    while taken < 4, k < end {
      if ASCIIKind.isDigit(s[k]) {
        prefix = prefix * 10 + Int(s[k] &- UInt8(ascii: "0"))
        taken += 1
      }
      k += 1
    }
    let two = prefix / 100
    let three = prefix / 10
    switch two {
    case 40...49: return length == 13 || length == 16 || length == 19  // Visa
    case 51...55: return length == 16  // Mastercard
    case 22...27: return (2221...2720).contains(prefix) && length == 16  // Mastercard 2-series
    case 34, 37: return length == 15  // American Express
    case 30: return (300...305).contains(three) && length >= 14  // Diners
    case 36, 38, 39: return length >= 14  // Diners
    case 35: return (3528...3589).contains(prefix) && length >= 16  // JCB
    case 60: return prefix == 6011 && length >= 16  // Discover
    case 64: return three >= 644 && length >= 16  // Discover
    case 65, 62: return length >= 16  // Discover, UnionPay
    case 50, 56...58: return length >= 13  // Maestro
    default: return false
    }
  }

  /// The Luhn check over the digits of `s[start..<end]`.
  private func luhn(_ start: Int, _ end: Int) -> Bool {
    var sum = 0
    var double = false
    var k = end
    while k > start {
      k -= 1
      guard ASCIIKind.isDigit(s[k]) else { continue }
      var d = Int(s[k] &- UInt8(ascii: "0"))
      if double {
        d *= 2
        if d > 9 { d -= 9 }
      }
      sum += d
      double.toggle()
    }
    return sum % 10 == 0
  }

  // MARK: - Emails

  /// At an `@`: the local part before it (back to the last finding) and a domain after it.
  func email(at: Int) -> SensitiveFinding? {
    var start = at
    while start > floor, Self.isLocalByte(s[start - 1]), !escapes(start - 1) { start -= 1 }
    if json { start = max(start, escapeEnd(covering: start)) }
    while start < at, s[start] == UInt8(ascii: ".") { start += 1 }
    guard start < at, at - start <= 64 else { return nil }
    var end = at + 1
    var labelStart = end
    var labels = 0
    while end < s.count {
      let b = s[end]
      if ASCIIKind.isAlphanumeric(b) || b == UInt8(ascii: "-") {
        end += 1
      } else if b == UInt8(ascii: "."), end > labelStart,
        byte(end + 1).map(ASCIIKind.isAlphanumeric) ?? false
      {
        labels += 1
        end += 1
        labelStart = end
      } else {
        break
      }
    }
    guard labels >= 1, end > labelStart, end - labelStart >= 2, end - labelStart <= 24 else {
      return nil
    }
    for k in labelStart..<end where !ASCIIKind.isAlphanumeric(s[k]) || ASCIIKind.isDigit(s[k]) {
      return nil
    }
    for suffix in Self.notDomains where hasFoldedWord(suffix, labelStart..<end) { return nil }
    return SensitiveFinding(.email, start..<end)
  }

  /// Endings that make `a@b.x` a systemd unit (`postgresql@15-main.service`) or a file
  /// (`icon@2x.png`), not an address.
  private static let notDomains: [StaticString] = [
    "service", "socket", "target", "timer", "mount", "automount", "slice", "scope", "swap",
    "device", "path", "log", "txt", "json", "yaml", "yml", "conf", "png", "jpg", "jpeg", "gif",
    "svg", "css", "html", "js", "lock",
  ]

  private func hasFoldedWord(_ word: StaticString, _ range: Range<Int>) -> Bool {
    range.count == word.utf8CodeUnitCount && hasFolded(at: range.lowerBound, word)
  }

  private static func isLocalByte(_ b: UInt8) -> Bool {
    ASCIIKind.isAlphanumeric(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
      || b == UInt8(ascii: "%")
      || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
  }

  // MARK: - Phones

  /// At a `+` or `(` that starts a word.
  func phone(at start: Int) -> SensitiveFinding? {
    if s[start] == UInt8(ascii: "(") {
      guard let first = byte(start + 1), ASCIIKind.isDigit(first) else { return nil }
      return northAmericanPhone(at: start + 1, areaEnd: start + 4)
    }
    // E.164: '+', a digit other than 0, then groups joined by one space, '-' or '.'.
    guard let first = byte(start + 1), ASCIIKind.isDigit(first), first != UInt8(ascii: "0") else {
      return nil
    }
    var end = start + 1
    var digits = 0
    while true {
      let groupEnd = digitsEnd(from: end)
      digits += groupEnd - end
      end = groupEnd
      guard let sep = byte(end),
        sep == 0x20 || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "."),
        let next = byte(end + 1), ASCIIKind.isDigit(next), digits < 15
      else { break }
      end += 1
    }
    guard (8...15).contains(digits), numberEnds(at: end) else { return nil }
    return SensitiveFinding(.phone, start..<end)
  }

  /// `212-555-0142`, `212.555.0142`, or after `(`: `212) 555-0142`. The area code and the
  /// exchange start with 2 to 9. `areaEnd`: where the `)` is, when the number has one.
  func northAmericanPhone(at start: Int, areaEnd: Int?) -> SensitiveFinding? {
    guard digitsEnd(from: start) == start + 3, s[start] >= UInt8(ascii: "2") else { return nil }
    var k = start + 3
    let sep: UInt8?
    if let areaEnd {
      guard k == areaEnd, byte(k) == UInt8(ascii: ")") else { return nil }
      k += 1
      if byte(k) == 0x20 { k += 1 }
      sep = nil
    } else {
      guard let b = byte(k), b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else { return nil }
      sep = b
      k += 1
    }
    guard digitsEnd(from: k) == k + 3, s[k] >= UInt8(ascii: "2") else { return nil }
    k += 3
    guard let b = byte(k), b == (sep ?? UInt8(ascii: "-")) else { return nil }
    k += 1
    guard digitsEnd(from: k) == k + 4, numberEnds(at: k + 4) else { return nil }
    return SensitiveFinding(.phone, (areaEnd == nil ? start : start - 1)..<(k + 4))
  }
}
