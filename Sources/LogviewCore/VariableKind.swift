/// A kind of variable data in a message or a path, and the placeholder that stands for it
/// once folded (`VariableText`).
public enum VariableKind: UInt8, CaseIterable, Sendable {
  case number
  case hex
  case uuid
  case ip
  case email
  case quoted
  case duration
  case time
  case id

  public var placeholder: String {
    switch self {
    case .number: "<num>"
    case .hex: "<hex>"
    case .uuid: "<uuid>"
    case .ip: "<ip>"
    case .email: "<email>"
    case .quoted: "<str>"
    case .duration: "<dur>"
    case .time: "<time>"
    case .id: "<id>"
    }
  }

  static let placeholders: [[UInt8]] = allCases.map { Array($0.placeholder.utf8) }

  var placeholderBytes: [UInt8] { Self.placeholders[Int(rawValue)] }

  /// The kind of a whole token (no spaces or separators in it), or nil when it is wording.
  /// Tried from the most specific shape to the loosest.
  static func of(_ w: UnsafeRawBufferPointer) -> VariableKind? {
    guard let first = w.first else { return nil }
    if w.contains(UInt8(ascii: "@")) { return isEmail(w) ? .email : nil }
    if isUUID(w) { return .uuid }
    if isTime(w) { return .time }
    if isIPv4(w) || isIPv6(w) { return .ip }
    if ASCIIKind.isDigit(first) || (first == UInt8(ascii: "-") && w.count > 1) {
      if isNumber(w) { return .number }
      if isHexLiteral(w) { return .hex }
      if ASCIIKind.isDigit(first), DurationReader.parse(w) != nil { return .duration }
    }
    if isHash(w) { return .hex }
    if isIdentifier(w) { return .id }
    return nil
  }

  /// `local@domain.tld`: something before the one `@`, a dot inside the domain.
  static func isEmail(_ w: UnsafeRawBufferPointer) -> Bool {
    guard let at = w.firstIndex(of: UInt8(ascii: "@")), at > 0, at < w.count - 3 else {
      return false
    }
    let domain = UnsafeRawBufferPointer(rebasing: w[(at + 1)...])
    guard let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot < domain.count - 1
    else { return false }
    return !domain.contains(UInt8(ascii: "@"))
      && domain.allSatisfy { ASCIIKind.isAlphanumeric($0) || $0 == 0x2E || $0 == 0x2D }
  }

  /// 8-4-4-4-12 hexadecimal digits.
  static func isUUID(_ w: UnsafeRawBufferPointer) -> Bool {
    guard w.count == 36 else { return false }
    for (i, b) in w.enumerated() {
      if i == 8 || i == 13 || i == 18 || i == 23 {
        guard b == UInt8(ascii: "-") else { return false }
      } else if !ASCIIKind.isHexDigit(b) {
        return false
      }
    }
    return true
  }

  /// A date (`2024-03-15`, an ISO timestamp) or a clock time (`10:42`, `10:42:07.123`).
  static func isTime(_ w: UnsafeRawBufferPointer) -> Bool {
    if w.count >= 10, digits(w, 0..<4), w[4] == UInt8(ascii: "-"), digits(w, 5..<7),
      w[7] == UInt8(ascii: "-"), digits(w, 8..<10)
    {
      return true
    }
    var i = 0
    while i < w.count, ASCIIKind.isDigit(w[i]) { i += 1 }
    guard i == 1 || i == 2, i + 3 <= w.count, w[i] == UInt8(ascii: ":"), digits(w, i + 1..<i + 3)
    else { return false }
    return w[(i + 3)...].allSatisfy {
      ASCIIKind.isDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".")
        || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "Z")
    }
  }

  /// Four decimal parts of at most three digits, maybe with `:port` or `/prefix`.
  static func isIPv4(_ w: UnsafeRawBufferPointer) -> Bool {
    var parts = 0
    var run = 0
    var i = 0
    while i < w.count {
      let b = w[i]
      if ASCIIKind.isDigit(b) {
        run += 1
        guard run <= 3 else { return false }
      } else if b == UInt8(ascii: "."), run > 0, parts < 3 {
        parts += 1
        run = 0
      } else {
        break
      }
      i += 1
    }
    guard parts == 3, run > 0 else { return false }
    guard i < w.count else { return true }
    guard w[i] == UInt8(ascii: ":") || w[i] == UInt8(ascii: "/"), i + 1 < w.count else {
      return false
    }
    return w[(i + 1)...].allSatisfy(ASCIIKind.isDigit)
  }

  /// Hexadecimal groups and at least two colons, with `::` or a group no clock has.
  static func isIPv6(_ w: UnsafeRawBufferPointer) -> Bool {
    var colons = 0
    var wide = false
    var run = 0
    for b in w {
      if b == UInt8(ascii: ":") {
        colons += 1
        run = 0
      } else if ASCIIKind.isHexDigit(b) {
        run += 1
        if run > 2 || !ASCIIKind.isDigit(b) { wide = true }
        guard run <= 4 else { return false }
      } else {
        return false
      }
    }
    let doubled =
      w.count >= 2 && (0..<(w.count - 1)).contains { w[$0] == 0x3A && w[$0 + 1] == 0x3A }
    return colons >= 2 && (wide || doubled)
  }

  /// A decimal number: sign, digits with `.`/`,` groups (versions too), exponent, and a
  /// percent or byte-size suffix.
  static func isNumber(_ w: UnsafeRawBufferPointer) -> Bool {
    var i = w[0] == UInt8(ascii: "-") || w[0] == UInt8(ascii: "+") ? 1 : 0
    let start = i
    while i < w.count,
      ASCIIKind.isDigit(w[i]) || w[i] == UInt8(ascii: ".") || w[i] == UInt8(ascii: ",")
    {
      i += 1
    }
    guard i > start, ASCIIKind.isDigit(w[start]), ASCIIKind.isDigit(w[i - 1]) else { return false }
    if i < w.count, w[i] | 0x20 == UInt8(ascii: "e"), i + 1 < w.count {
      var j = i + 1
      if w[j] == UInt8(ascii: "-") || w[j] == UInt8(ascii: "+") { j += 1 }
      if j < w.count, w[j...].allSatisfy(ASCIIKind.isDigit) { return true }
    }
    let suffix = UnsafeRawBufferPointer(rebasing: w[i...])
    return suffix.isEmpty || (suffix.count == 1 && suffix[0] == UInt8(ascii: "%"))
      || isSizeUnit(suffix)
  }

  static func isSizeUnit(_ s: UnsafeRawBufferPointer) -> Bool {
    guard (1...3).contains(s.count), s.last! | 0x20 == UInt8(ascii: "b") else { return false }
    if s.count == 1 { return true }
    let prefix = s[0] | 0x20
    guard
      [UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "g"), UInt8(ascii: "t")].contains(prefix)
    else { return false }
    return s.count == 2 || s[1] == UInt8(ascii: "i")
  }

  /// `0x` and hexadecimal digits.
  static func isHexLiteral(_ w: UnsafeRawBufferPointer) -> Bool {
    w.count > 2 && w[0] == UInt8(ascii: "0") && w[1] | 0x20 == UInt8(ascii: "x")
      && w[2...].allSatisfy(ASCIIKind.isHexDigit)
  }

  /// A hash or hexadecimal ID: eight or more hexadecimal digits with both digits and letters,
  /// or six or seven with two of each (a short message or commit ID: `4f1c2a`, `7f9c8d1`).
  static func isHash(_ w: UnsafeRawBufferPointer) -> Bool {
    guard w.count >= 6 else { return false }
    var digits = 0
    var letters = 0
    for b in w {
      guard ASCIIKind.isHexDigit(b) else { return false }
      if ASCIIKind.isDigit(b) { digits += 1 } else { letters += 1 }
    }
    return w.count >= 8 ? digits > 0 && letters > 0 : digits >= 2 && letters >= 2
  }

  /// Letters and digits mixed the way generated IDs are (`req_f57ebc3a`, `usr_2160`,
  /// `pod-7f9c8d`, `A1B2C3D4E5`) rather than names that hold a digit (`v1`, `http2`,
  /// `utf-8`, `sha256`, `k8s`): a part after `_`, `-` or `.` with a digit and two or more
  /// characters, four or more digits, or eight or more characters with two digits.
  static func isIdentifier(_ w: UnsafeRawBufferPointer) -> Bool {
    var digits = 0
    var letters = 0
    var partLength = 0
    var partDigit = false
    var separatedPartWithDigit = false
    var afterSeparator = false
    for b in w {
      if ASCIIKind.isDigit(b) {
        digits += 1
        partDigit = true
        partLength += 1
      } else if ASCIIKind.isLetter(b) {
        letters += 1
        partLength += 1
      } else if b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") {
        afterSeparator = true
        partLength = 0
        partDigit = false
        continue
      } else {
        return false
      }
      if afterSeparator, partDigit, partLength >= 2 { separatedPartWithDigit = true }
    }
    guard digits > 0, letters > 0 else { return false }
    return separatedPartWithDigit || digits >= 4 || (w.count >= 8 && digits >= 2)
  }

  private static func digits(_ w: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
    range.upperBound <= w.count && range.allSatisfy { ASCIIKind.isDigit(w[$0]) }
  }
}
