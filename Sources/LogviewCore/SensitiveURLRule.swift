/// `SensitiveScan`'s URL rule: the password in a URL's user-info, found from the `://` ahead
/// of the scan and handed out when the scan reaches it (`pending`).
extension SensitiveScan {
  /// Looks forward from the `://` at `separator` for user-info.
  mutating func findURLPassword(separator: Int) {
    if messages {
      findMessageUserInfo(separator: separator)
    } else {
      findRecordPassword(separator: separator)
    }
  }

  /// In records: `scheme://user:password@host`, the user-info ending at the last `@` before
  /// the host's end (a `/`, `?`, `#`, space, quote or angle bracket); a password may not be
  /// empty, and a user name alone is no finding.
  private mutating func findRecordPassword(separator: Int) {
    let start = separator + 3
    var end = start
    var lastAt: Int?
    while end < s.count, !Self.endsRecordURLHost(s[end]) {
      if s[end] == UInt8(ascii: "@") { lastAt = end }
      end += 1
    }
    urlSearchedTo = end
    guard let lastAt else { return }
    var colon = start
    while colon < lastAt, s[colon] != UInt8(ascii: ":") { colon += 1 }
    guard colon + 1 < lastAt, !isMasked(at: colon + 1) else { return }
    pending = SensitiveFinding(.urlPassword, (colon + 1)..<lastAt)
  }

  private static func endsRecordURLHost(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""),
      UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
      UInt8(ascii: "{"), UInt8(ascii: "}"):
      true
    default: b <= 0x20
    }
  }

  /// Text of logview's own: after `://`, everything up to the last `@` of the stretch that
  /// ends at the first space or tab after the first `@`, so a password may hold `/`, `@` or
  /// spaces. With a `:` the user name before it stays (`https://u:***@host`); without one
  /// the whole of it goes (`https://***@host`, a token used as the user name) unless it holds
  /// a `/` or a space, which a user name cannot (`https://host/@alice` stays as it is).
  private mutating func findMessageUserInfo(separator: Int) {
    // The first '@' after the last "://" before it.
    var start = separator + 3
    var j = start
    var at: Int?
    while j < s.count, !Self.endsMessageURL(s[j]) {
      if s[j] == UInt8(ascii: "@") {
        at = j
        break
      }
      if isSchemeSeparator(j) {
        start = j + 3
        j += 3
        continue
      }
      j += 1
    }
    guard let at else {
      urlSearchedTo = j
      return
    }
    var last = at
    var end = at + 1
    while end < s.count, !Self.isSpace(s[end]), !Self.endsMessageURL(s[end]) {
      if s[end] == UInt8(ascii: "@") { last = end }
      end += 1
    }
    urlSearchedTo = end
    guard let from = userInfoMaskStart(start..<last), !isMasked(at: from) else { return }
    pending = SensitiveFinding(.urlPassword, from..<last)
  }

  /// A byte a URL written in a message does not hold: a quote, a brace or an angle bracket
  /// ends it (an '@' in the JSON after `--explain`'s URL is not a user-info's end).
  private static func endsMessageURL(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "{")
      || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
      || byte == 0x0A
  }

  /// Where masking starts inside `info`, or nil when it is not user-info.
  private func userInfoMaskStart(_ info: Range<Int>) -> Int? {
    guard !info.isEmpty else { return nil }
    var shapedLikeName = true
    for k in info {
      if s[k] == UInt8(ascii: ":") { return k + 1 }
      if s[k] == UInt8(ascii: "/") || Self.isSpace(s[k]) { shapedLikeName = false }
    }
    return shapedLikeName ? info.lowerBound : nil
  }

  private func isMasked(at v: Int) -> Bool {
    v + 3 <= s.count && s[v] == UInt8(ascii: "*") && s[v + 1] == UInt8(ascii: "*")
      && s[v + 2] == UInt8(ascii: "*")
  }
}
