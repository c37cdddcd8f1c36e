/// Hides credentials in text logview shows of its own (error messages, notices, --explain,
/// the explorer's status): a query or a URL echoed back can hold one. Works on bytes, ASCII
/// case folded (a case mapping that changes a string's length cannot shift what is masked),
/// in linear time. Masking more than a secret is preferred to showing part of one:
///
/// - URL user-info: after `://`, everything up to the last `@` of the stretch that ends at
///   the first space or tab after the first `@`, so a password may hold `/`, `@` or spaces.
///   With a `:` the user name before it stays (`https://u:***@host`); without one the whole
///   of it goes (`https://***@host`, a token used as the user name) unless it holds a `/` or
///   a space, which a user name cannot (`https://host/@alice` stays as it is).
/// - Named values: `NAME=value` or `NAME: value` (the name possibly quoted) where NAME ends
///   in one of `maskedNames` (case aside, `-` and `.` counting as `_`) after anything but
///   a letter or digit: `password`, `db_password`, `x-api-key`, but not `mytoken`. A quoted
///   value is masked to its closing quote (backslash escapes skipped; to the end when it
///   is not closed), a value starting with an authorization scheme (`Bearer xyz`) after
///   the scheme, any other value to the next space, tab, quote, `&`, `,` or `;`.
/// - `Bearer xyz` anywhere: the word after "bearer".
/// - AWS access key IDs (`AKIA` or `ASIA` and 16 capitals or digits) and JSON web tokens
///   (`eyJ…` of three dot-separated parts).
public enum SecretMasker {
  public static let mask = "***"

  /// The names whose values are masked, folded: lowercase, with `_` for `-` and `.`.
  static let maskedNames: [[UInt8]] = [
    "password", "passwd", "pwd", "pass", "secret", "token", "auth", "authorization", "apikey",
    "api_key", "private_key", "access_key", "secret_key", "cookie", "credential",
    "credentials", "jwt", "bearer",
  ].map { Array($0.utf8) }

  /// Bit n set when a masked name ends in the letter n after 'a'.
  private static let lastLetters: UInt32 = maskedNames.reduce(0) { bits, name in
    bits | 1 << UInt32(name[name.count - 1] &- UInt8(ascii: "a"))
  }

  static func endsSomeName(_ byte: UInt8) -> Bool {
    let letter = folded(byte) &- UInt8(ascii: "a")
    return letter < 26 && lastLetters & 1 << UInt32(letter) != 0
  }

  /// Authorization schemes a header value starts with; the credentials follow them.
  static let schemes: [[UInt8]] = ["bearer", "basic", "digest", "token", "negotiate"].map {
    Array($0.utf8)
  }

  public static func masked(_ text: String) -> String {
    String(decoding: masked(Array(text.utf8)), as: UTF8.self)
  }

  public static func masked(_ bytes: [UInt8]) -> [UInt8] {
    var scan = SecretMaskScan(maskURLUserInfo(bytes))
    scan.run()
    return scan.out
  }

  // MARK: - URL user-info

  /// See the type's comment. One pass: each byte is looked at a bounded number of times.
  static func maskURLUserInfo(_ s: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.count + 8)
    var copied = 0
    var i = 0
    while let separator = schemeSeparator(in: s, from: i) {
      // The first '@' after the last "://" before it.
      var start = separator + 3
      var j = start
      var at: Int?
      while j < s.count, !endsURLText(s[j]) {
        if s[j] == UInt8(ascii: "@") {
          at = j
          break
        }
        if isSchemeSeparator(s, j) {
          start = j + 3
          j += 3
          continue
        }
        j += 1
      }
      guard let at else { break }
      var last = at
      var end = at + 1
      while end < s.count, !isSpace(s[end]), !endsURLText(s[end]) {
        if s[end] == UInt8(ascii: "@") { last = end }
        end += 1
      }
      if let maskFrom = userInfoMaskStart(s, start..<last) {
        out += s[copied..<maskFrom]
        out += mask.utf8
        copied = last
      }
      i = end
    }
    out += s[copied...]
    return out
  }

  /// A byte a URL written in a message does not hold: a quote, a brace or an angle bracket
  /// ends it (an '@' in the JSON after `--explain`'s URL is not a user-info's end).
  private static func endsURLText(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "{")
      || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
      || byte == 0x0A
  }

  /// Where masking starts inside `info`, or nil when it is not user-info.
  private static func userInfoMaskStart(_ s: [UInt8], _ info: Range<Int>) -> Int? {
    guard !info.isEmpty else { return nil }
    if let colon = s[info].firstIndex(of: UInt8(ascii: ":")) { return colon + 1 }
    let shapedLikeName = !s[info].contains { $0 == UInt8(ascii: "/") || isSpace($0) }
    return shapedLikeName ? info.lowerBound : nil
  }

  private static func schemeSeparator(in s: [UInt8], from: Int) -> Int? {
    var i = from
    while i < s.count {
      if isSchemeSeparator(s, i) { return i }
      i += 1
    }
    return nil
  }

  static func isSchemeSeparator(_ s: [UInt8], _ i: Int) -> Bool {
    i + 2 < s.count && s[i] == UInt8(ascii: ":") && s[i + 1] == UInt8(ascii: "/")
      && s[i + 2] == UInt8(ascii: "/")
  }

  // MARK: - Bytes

  /// Only space and tab end a secret: any other control, or a non-ASCII space, is taken as
  /// part of it.
  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  static func isAlnum(_ b: UInt8) -> Bool {
    (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10
  }

  /// Lowercase ASCII, `_` for `-` and `.`: how names are compared.
  static func folded(_ b: UInt8) -> UInt8 {
    if b == UInt8(ascii: "-") || b == UInt8(ascii: ".") { return UInt8(ascii: "_") }
    return b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b
  }

  /// `s[at..<at + word.count]` folded equals `word`.
  static func hasFolded(_ s: [UInt8], at: Int, _ word: [UInt8]) -> Bool {
    guard at >= 0, at + word.count <= s.count else { return false }
    for k in word.indices where folded(s[at + k]) != word[k] { return false }
    return true
  }
}
