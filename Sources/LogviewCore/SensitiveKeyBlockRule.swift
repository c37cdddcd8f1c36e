/// `SensitiveScan`'s private key rule: `-----BEGIN … PRIVATE KEY-----` (RSA, EC, OPENSSH,
/// ENCRYPTED, PGP … BLOCK) to the end of its `-----END … -----` line.
extension SensitiveScan {
  private static let begin: StaticString = "-----BEGIN "
  private static let end: StaticString = "-----END "
  private static let privateKey: StaticString = "PRIVATE KEY"
  private static let dashes: StaticString = "-----"

  mutating func privateKey(at start: Int) -> SensitiveFinding? {
    guard byte(start + 1) == UInt8(ascii: "-"), hasBytes(Self.begin, at: start),
      let header = labelEnd(from: start + Self.begin.utf8CodeUnitCount)
    else { return nil }
    var k = header
    // In JSON, within the string: the block is masked to its end when the END is missing.
    let limit = json ? unclosedEnd(from: header) : s.count
    // The END marker; searched for once when missing, so many BEGINs stay linear.
    while k < noKeyEndFrom, k < limit {
      if s[k] == UInt8(ascii: "-"), hasBytes(Self.end, at: k),
        let close = labelEnd(from: k + Self.end.utf8CodeUnitCount, needsPrivate: false)
      {
        return SensitiveFinding(.privateKey, start..<close)
      }
      k += 1
    }
    if !json { noKeyEndFrom = min(noKeyEndFrom, header) }
    return SensitiveFinding(.privateKey, start..<limit)
  }

  /// After the `-----` that closes a label of capitals and spaces (holding "PRIVATE KEY"
  /// when `needsPrivate`), or nil.
  private func labelEnd(from at: Int, needsPrivate: Bool = true) -> Int? {
    var k = at
    var sawPrivate = !needsPrivate
    while k < s.count, k - at <= 40 {
      let b = s[k]
      if b == UInt8(ascii: "-") {
        guard sawPrivate, hasBytes(Self.dashes, at: k) else { return nil }
        return k + 5
      }
      guard b &- UInt8(ascii: "A") < 26 || b == 0x20 else { return nil }
      if b == UInt8(ascii: "P"), hasBytes(Self.privateKey, at: k) { sawPrivate = true }
      k += 1
    }
    return nil
  }

  /// A block without its END line: to the end of the JSON string it is in, or of the text.
  private func unclosedEnd(from at: Int) -> Int {
    guard json else { return s.count }
    var k = at
    while k < s.count, s[k] != UInt8(ascii: "\"") { k += s[k] == UInt8(ascii: "\\") ? 2 : 1 }
    return min(k, s.count)
  }

  private func hasBytes(_ word: StaticString, at: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    guard at + count <= s.count else { return false }
    for k in 0..<count where s[at + k] != word.utf8Start[k] { return false }
    return true
  }

}
