/// Hides credentials before logview prints text of its own (error messages): passwords in
/// URLs ("https://user:secret@host") and token-like parameters ("?token=…", "api_key=…").
enum SecretMasker {
  static let mask = "***"
  private static let secretNames = [
    "token", "access_token", "api_key", "apikey", "password", "passwd", "secret", "auth",
  ]

  static func masked(_ text: String) -> String {
    var result = maskURLPasswords(text)
    for name in secretNames {
      result = maskParameter(result, name: name)
    }
    return result
  }

  /// "scheme://user:password@" -> "scheme://user:***@"
  private static func maskURLPasswords(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let scheme = rest.firstRange(of: "://") {
      out += rest[..<scheme.upperBound]
      rest = rest[scheme.upperBound...]
      let authorityEnd = rest.firstIndex { $0 == "/" || $0 == " " || $0 == "'" } ?? rest.endIndex
      let authority = rest[..<authorityEnd]
      if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
        out += authority[...colon] + mask + authority[at...]
        rest = rest[authorityEnd...]
      }
    }
    return out + rest
  }

  /// "name=value" (also "name:value") -> "name=***", the name matched case-insensitively.
  private static func maskParameter(_ text: String, name: String) -> String {
    let bytes = Array(text.utf8)
    let lower = Array(text.lowercased().utf8)
    let key = Array(name.utf8)
    guard lower.count == bytes.count else { return text }
    var result: [UInt8] = []
    var i = 0
    while i < bytes.count {
      let boundary = i == 0 || !isWordByte(lower[i - 1])
      let end = i + key.count
      if boundary, end < bytes.count, lower[i..<end].elementsEqual(key),
        bytes[end] == UInt8(ascii: "=") || bytes[end] == UInt8(ascii: ":")
      {
        result += bytes[i...end]
        result += Array(mask.utf8)
        var j = end + 1
        while j < bytes.count, !isValueEnd(bytes[j]) { j += 1 }
        i = j
        continue
      }
      result.append(bytes[i])
      i += 1
    }
    return String(decoding: result, as: UTF8.self)
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
  }

  private static func isValueEnd(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x26 || byte == 0x27 || byte == 0x22 || byte == 0x2C || byte == 0x3B
  }
}
