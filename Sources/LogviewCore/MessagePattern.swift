/// A record's message pattern: its message folded by `VariableText`, runs of white space
/// made one space, and every placeholder standing for any variable data. Records whose
/// folded messages differ only in which placeholders they hold (`<num>` here, `<id>` there)
/// share a pattern; records whose wording differs never do.
///
/// The pattern's ID is a hash of that skeleton, so it is told from one record alone: the
/// same message gets the same ID in every run, whatever else the input holds, and a filter
/// (`pattern=ID`) decides a record without having seen any other.
public enum MessagePattern {
  /// Bytes of a message read at most: a huge message costs no more than this.
  public static let maxBytes = 4096
  /// The placeholder of a pattern's template where its records hold different kinds.
  public static let wildcard = "<*>"

  /// What a folded message gives: its pattern's hash (placeholders alike) and the hash of
  /// the folded text itself (placeholders told apart).
  public struct Key: Equatable, Sendable {
    public var pattern: UInt64
    public var variant: UInt64

    public init(pattern: UInt64, variant: UInt64) {
      self.pattern = pattern
      self.variant = variant
    }

    /// The pattern's short ID: the hash's low 32 bits.
    public var id: UInt32 { UInt32(truncatingIfNeeded: pattern ^ (pattern >> 32)) }
  }

  /// Calls `body` with the text a record is grouped by: its normalized message (a raw
  /// line's first line), empty when it has none, at most `maxBytes`.
  @inline(__always)
  public static func withMessage<R>(of record: RecordView, _ body: (UnsafeRawBufferPointer) -> R)
    -> R
  {
    record.withText(of: .message) { text in
      body(UnsafeRawBufferPointer(rebasing: text.prefix(maxBytes)))
    } ?? body(UnsafeRawBufferPointer(start: nil, count: 0))
  }

  /// Folds `message` into `folded` (emptied first) and returns its key.
  @inline(__always)
  public static func key(ofMessage message: UnsafeRawBufferPointer, folded: inout [UInt8]) -> Key {
    folded.removeAll(keepingCapacity: true)
    VariableText.fold(message, into: &folded)
    return folded.withUnsafeBytes { key(ofFolded: $0) }
  }

  /// The pattern ID of a record (`folded` is scratch space).
  public static func id(of record: RecordView, folded: inout [UInt8]) -> UInt32 {
    withMessage(of: record) { key(ofMessage: $0, folded: &folded) }.id
  }

  /// The pattern ID of a template as shown (`payment declined for <*>`) or of any message.
  public static func id(ofTemplate text: String) -> UInt32 {
    var folded: [UInt8] = []
    return Array(text.utf8).withUnsafeBytes { key(ofMessage: $0, folded: &folded) }.id
  }

  /// The key of already folded text: one pass, white space runs hashed as one space and
  /// leading or trailing ones not at all, each placeholder hashed as the wildcard.
  public static func key(ofFolded text: UnsafeRawBufferPointer) -> Key {
    var pattern = FNV1a()
    var variant = FNV1a()
    var i = 0
    var pendingSpace = false
    var started = false
    while i < text.count {
      let b = text[i]
      if ASCIIKind.isSpace(b) {
        pendingSpace = started
        i += 1
        continue
      }
      if pendingSpace {
        pattern.add(0x20)
        variant.add(0x20)
        pendingSpace = false
      }
      started = true
      if b == UInt8(ascii: "<"), let length = placeholderLength(text, at: i) {
        for byte in wildcardBytes { pattern.add(byte) }
        for j in i..<(i + length) { variant.add(text[j]) }
        i += length
      } else {
        pattern.add(b)
        variant.add(b)
        i += 1
      }
    }
    return Key(pattern: pattern.value, variant: variant.value)
  }

  /// The length of the placeholder at `text[i]` (`<num>` … or the wildcard), else nil.
  /// Runs per `<` of every message mined: the name between the brackets packed into an
  /// integer and compared with the known ones (no array read per call: the cores would
  /// share its reference count).
  @inline(__always)
  public static func placeholderLength(_ text: UnsafeRawBufferPointer, at i: Int) -> Int? {
    guard i + 2 < text.count, text[i] == UInt8(ascii: "<") else { return nil }
    let limit = min(text.count, i + 7)
    var packed: UInt64 = 0
    var end = i + 1
    while end < limit, text[end] != UInt8(ascii: ">") {
      packed |= UInt64(text[end]) << (8 * UInt64(end - i - 1))
      end += 1
    }
    guard end < limit else { return nil }
    switch packed {
    // num, hex, uuid, ip, email, str, dur, time, id and the wildcard's *.
    case 0x6D756E, 0x786568, 0x64697575, 0x7069, 0x6C69616D65, 0x727473, 0x727564, 0x656D6974,
      0x6469, 0x2A:
      return end - i + 1
    default:
      return nil
    }
  }

  /// The kind whose placeholder `bytes` is.
  public static func kind(of bytes: UnsafeRawBufferPointer) -> VariableKind? {
    VariableKind.allCases.first { VariableKind.placeholders[Int($0.rawValue)].elementsEqual(bytes) }
  }

  /// The 8 hexadecimal digits an ID is written as.
  public static func idText(_ id: UInt32) -> String {
    let digits = String(id, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }

  /// An ID as written (8 hexadecimal digits, any case), else nil.
  public static func parseID(_ text: some StringProtocol) -> UInt32? {
    guard text.utf8.count == 8, text.utf8.allSatisfy(ASCIIKind.isHexDigit) else { return nil }
    return UInt32(text, radix: 16)
  }

  /// White space between a pattern's words (`VariableText`'s own).
  @inline(__always)
  public static func isSpace(_ b: UInt8) -> Bool { ASCIIKind.isSpace(b) }

  static let wildcardBytes: [UInt8] = Array(wildcard.utf8)
}
