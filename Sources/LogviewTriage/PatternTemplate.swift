import LogviewCore

/// A pattern's template as shown: the folded message with white space made single, each
/// placeholder kept where every record of the pattern has the same kind there, else the
/// wildcard (`<*>`): "payment declined for <id> after <*>".
public struct PatternTemplate: Equatable, Sendable {
  /// The first folded message seen, white space made single.
  private(set) var text: [UInt8] = []
  /// Per placeholder of `text`, in order: its kind's raw value, or `mixed`.
  private(set) var kinds: [UInt8] = []

  static let mixed: UInt8 = 0xFF

  /// The template of one folded message.
  init(folded: UnsafeRawBufferPointer) {
    var i = 0
    var pendingSpace = false
    text.reserveCapacity(folded.count)
    while i < folded.count {
      let b = folded[i]
      if MessagePattern.isSpace(b) {
        pendingSpace = !text.isEmpty
        i += 1
        continue
      }
      if pendingSpace {
        text.append(0x20)
        pendingSpace = false
      }
      if let length = MessagePattern.placeholderLength(folded, at: i) {
        let name = UnsafeRawBufferPointer(rebasing: folded[i..<(i + length)])
        kinds.append(MessagePattern.kind(of: name)?.rawValue ?? Self.mixed)
        text.append(contentsOf: name)
        i += length
      } else {
        text.append(b)
        i += 1
      }
    }
  }

  /// Marks the placeholders where `other` (of the same pattern) has another kind.
  mutating func merge(_ other: PatternTemplate) {
    guard other.kinds.count == kinds.count else { return }
    for i in kinds.indices where kinds[i] != other.kinds[i] { kinds[i] = Self.mixed }
  }

  /// The template's text.
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  public var bytes: [UInt8] {
    guard kinds.contains(Self.mixed) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    var slot = 0
    text.withUnsafeBytes { text in
      var i = 0
      while i < text.count {
        if let length = MessagePattern.placeholderLength(text, at: i) {
          if slot < kinds.count, kinds[slot] == Self.mixed {
            out.append(contentsOf: MessagePattern.wildcard.utf8)
          } else {
            out.append(contentsOf: text[i..<(i + length)])
          }
          slot += 1
          i += length
        } else {
          out.append(text[i])
          i += 1
        }
      }
    }
    return out
  }
}
