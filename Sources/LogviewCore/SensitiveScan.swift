/// Finds secrets and personal data in a record's bytes (or, as `SecretMasker`'s rules, in text
/// of logview's own), left to right, in linear time, without allocating. One pass: a byte
/// that can start no rule costs one switch; each rule starts at a byte it can tell from its
/// neighbours and looks a bounded distance back, so every byte is read a few times at most.
/// Findings come out in order and never overlap.
///
/// Secrets (`SensitiveGroups.secret`):
/// - `secret-field`: `NAME=value`, `NAME: value`, `"NAME":"value"` where NAME ends in one of
///   `names` after anything but a letter or digit, or at a camel-case hump (`dbPassword`);
///   `-` and `.` count as `_`. A quoted value is found to its closing quote, any other to
///   the next space, quote, `&`, `,` or `;` (in a JSON record also `}`, `]` or `\`). In
///   records, `true`, `false`, `null`, nested objects, empty values and placeholders
///   (`***`, `[REDACTED]`, `<hidden>`, `redacted`) are no finding, and `auth` and
///   `authorization` only count with a scheme (`Bearer x`), not as a payment authorization ID.
/// - `bearer-token`: a value after an authorization scheme (`Authorization: Bearer x`), or
///   the word after `bearer` anywhere (in records only when it looks like a token: 12 or more
///   bytes with a letter and a digit).
/// - `aws-key`: `AKIA` or `ASIA` and 16 capitals or digits, standing alone.
/// - `jwt`: `eyJ…` with at least three dot-separated parts (in records the second one also
///   starts `eyJ`, a JSON object's first bytes in base64).
/// - `url-password`: the password of a URL's user-info (`postgres://app:pw@db`). Text of
///   logview's own masks more (`SecretMasker`): a password may hold `/`, `@` or spaces, and a
///   user name alone is taken as a token.
/// - `private-key`: `-----BEGIN … PRIVATE KEY-----` to its `-----END … -----` line (or, when
///   that is missing, to the end of the JSON string or of the record).
///
/// Personal data (`SensitiveGroups.pii`; records only), see `SensitivePIIRules`: payment
/// card numbers, email addresses and phone numbers.
public struct SensitiveScan {
  /// Which rules apply: records (every kind, conservative) or text of logview's own
  /// (secrets only, masking more: see `SecretMasker`).
  public enum Rules: Sendable {
    case records
    case messages
  }

  let s: UnsafeRawBufferPointer
  /// The groups handed out. Every rule runs whichever are asked for, so a finding of one
  /// group hides what another rule would see inside it (an email inside a URL's password),
  /// and `has:pii` selects what the gutter flags.
  let wanted: SensitiveGroups
  /// Personal data is looked for in records only.
  let pii: Bool
  let messages: Bool
  /// A JSON object: unquoted values also end at `}`, `]` and `\`, and literals, objects and
  /// arrays are no secret.
  let json: Bool
  var i = 0
  /// The end of the last finding: look-back rules stop here, so findings never overlap.
  var floor = 0
  /// A URL's password found ahead of the scan (the URL rule looks forward from `://`).
  var pending: SensitiveFinding?
  /// The URL rule has looked up to here and found nothing more.
  var urlSearchedTo = 0
  /// No `-----END` marker from here on (a private key block without one).
  var noKeyEndFrom = Int.max

  public init(
    _ bytes: UnsafeRawBufferPointer, looksFor groups: SensitiveGroups = .all,
    rules: Rules = .records
  ) {
    s = bytes
    messages = rules == .messages
    wanted = messages ? .secret : groups
    pii = !messages
    var first = 0
    while first < bytes.count, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
    json = !messages && first < bytes.count && bytes[first] == UInt8(ascii: "{")
  }

  /// The next finding, or nil at the end.
  public mutating func next() -> SensitiveFinding? {
    let count = s.count
    while i < count {
      if let p = pending, i >= p.range.lowerBound {
        pending = nil
        take(p)
        if wanted.contains(p.kind.group) { return p }
        continue
      }
      // Most bytes start no rule: passed over in a tight loop, up to a URL password ahead.
      let limit = min(count, pending?.range.lowerBound ?? count)
      while i < limit, !startsRule(at: i) { i += 1 }
      guard i < limit else { continue }
      guard let found = rule(s[i]) else {
        i += 1
        continue
      }
      var finding = found
      if let p = pending, p.range.lowerBound < found.range.upperBound {
        pending = nil
        // The URL's password comes first: the other finding is passed over.
        if p.range.lowerBound < found.range.lowerBound { finding = p }
      }
      take(finding)
      if wanted.contains(finding.kind.group) { return finding }
    }
    return nil
  }

  private mutating func take(_ finding: SensitiveFinding) {
    i = max(finding.range.upperBound, i + 1)
    floor = finding.range.upperBound
  }

  /// Bytes some rule starts at: `=:-+(` and digits below 64, `@ A B b e` above (a bit each).
  @inline(__always)
  static func mayStart(_ b: UInt8) -> Bool {
    let bits: UInt64 = b < 64 ? 0x27ff_2900_0000_0000 : (b < 128 ? 0x24_0000_0007 : 0)
    return bits >> UInt64(b & 63) & 1 != 0
  }

  /// `mayStart`, and the cheapest of each rule's own tests, done in the scan's tight loop:
  /// an `e` not followed by `y`, a digit inside a number or word, a lone `-` start nothing.
  @inline(__always)
  private func startsRule(at k: Int) -> Bool {
    let b = s[k]
    guard Self.mayStart(b) else { return false }
    switch b {
    case UInt8(ascii: "e"): return k + 1 < s.count && s[k + 1] == UInt8(ascii: "y")
    case UInt8(ascii: "-"): return k + 1 < s.count && s[k + 1] == UInt8(ascii: "-")
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      return k == 0 || !ASCIIKind.isAlphanumeric(s[k - 1]) || escapes(k - 1)
    default: return true
    }
  }

  private mutating func rule(_ b: UInt8) -> SensitiveFinding? {
    switch b {
    case UInt8(ascii: "="):
      return namedValue(separator: i)
    case UInt8(ascii: ":"):
      if isSchemeSeparator(i) {
        if i >= urlSearchedTo { findURLPassword(separator: i) }
        return nil
      }
      return namedValue(separator: i)
    case UInt8(ascii: "b"), UInt8(ascii: "B"):
      return atWordStart ? bearer(at: i) : nil
    case UInt8(ascii: "A"):
      return atWordStart ? accessKeyID(at: i) : nil
    case UInt8(ascii: "e"):
      return webToken(at: i)
    case UInt8(ascii: "-"):
      return privateKey(at: i)
    case UInt8(ascii: "@"):
      return pii ? email(at: i) : nil
    case UInt8(ascii: "+"), UInt8(ascii: "("):
      return pii && atWordStart ? phone(at: i) : nil
    default:
      return pii && atNumberStart ? cardOrPhone(at: i) : nil
    }
  }

  /// Not after a letter or digit, unless that is a JSON escape's (`\nBearer x`).
  private var atWordStart: Bool { i == 0 || !ASCIIKind.isAlphanumeric(s[i - 1]) || escapes(i - 1) }

  /// `s[k]` is the letter of a JSON escape (`\n`, `\t`): a boundary, not part of a word.
  func escapes(_ k: Int) -> Bool {
    guard json, k > 0, s[k - 1] == UInt8(ascii: "\\") else { return false }
    var run = 1
    while k - 1 - run >= 0, s[k - 1 - run] == UInt8(ascii: "\\") { run += 1 }
    return run % 2 == 1
  }

  /// Where a JSON escape that covers `start` ends (`start` when none does): a finding must
  /// not begin inside `\u00e9`.
  func escapeEnd(covering start: Int) -> Int {
    var k = start - 1
    while k >= max(floor, start - 5) {
      if s[k] == UInt8(ascii: "\\"), escapes(k + 1) {
        let length = byte(k + 1) == UInt8(ascii: "u") ? 6 : 2
        return max(start, k + length)
      }
      k -= 1
    }
    return start
  }

  /// A digit run that is not part of a word, a decimal, a version or an ID (`ord-1234`).
  private var atNumberStart: Bool {
    guard i > 0 else { return true }
    let before = s[i - 1]
    if escapes(i - 1) { return true }
    return !ASCIIKind.isAlphanumeric(before) && before != UInt8(ascii: ".")
      && before != UInt8(ascii: "-")
      && before != UInt8(ascii: "_") && before != UInt8(ascii: "+")
  }

  // MARK: - Conveniences

  /// Every finding in `bytes`, appended to `findings`.
  public static func findings(
    in bytes: UnsafeRawBufferPointer, looksFor groups: SensitiveGroups = .all,
    into findings: inout [SensitiveFinding]
  ) {
    var scan = SensitiveScan(bytes, looksFor: groups)
    while let finding = scan.next() { findings.append(finding) }
  }

  /// The groups `bytes` holds findings of (stops once both are found).
  public static func groups(
    in bytes: UnsafeRawBufferPointer, looksFor wanted: SensitiveGroups = .all
  ) -> SensitiveGroups {
    var found: SensitiveGroups = []
    var scan = SensitiveScan(bytes, looksFor: wanted)
    while found != wanted, let finding = scan.next() { found.formUnion(finding.kind.group) }
    return found
  }

  // MARK: - Bytes

  /// Only space and tab end a secret: any other control, or a non-ASCII space, is taken as
  /// part of it.
  @inline(__always)
  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  func byte(_ at: Int) -> UInt8? { at >= 0 && at < s.count ? s[at] : nil }

  func isSchemeSeparator(_ at: Int) -> Bool {
    at + 2 < s.count && s[at] == UInt8(ascii: ":") && s[at + 1] == UInt8(ascii: "/")
      && s[at + 2] == UInt8(ascii: "/")
  }
}
