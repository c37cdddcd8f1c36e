/// What a CellBuffer slot shows, in 8 bytes with no reference count, so that fills, copies
/// and comparisons of whole frames are plain memory operations.
///
/// A cluster of up to 8 UTF-8 bytes (ASCII, CJK, most emoji with a modifier or VS16) is kept
/// inline: byte i in bits 8i..<8i+8, the rest zero. Cells never hold NUL (controls show as
/// '?'), so the first zero byte ends the text, and the encoding is canonical: equal texts
/// have equal bits. Longer clusters (ZWJ sequences, stacked marks) live in the buffer's
/// overflow table: low byte 0xFF, which UTF-8 never starts with, and the index above it.
struct Glyph: Hashable, Sendable {
  var bits: UInt64

  /// The continuation half of a wide character: no text.
  static let empty = Glyph(bits: 0)
  static let space = Glyph(bits: 0x20)
  static let question = Glyph(bits: 0x3F)

  private static let overflowMarker: UInt64 = 0xFF

  init(bits: UInt64) {
    self.bits = bits
  }

  /// The inline glyph for `bytes`, or nil when they do not fit in 8 bytes.
  init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count <= 8 else { return nil }
    var bits: UInt64 = 0
    for (i, byte) in bytes.enumerated() { bits |= UInt64(byte) << (8 * UInt64(i)) }
    self.bits = bits
  }

  static func overflow(_ index: Int) -> Glyph {
    Glyph(bits: UInt64(truncatingIfNeeded: index) << 8 | overflowMarker)
  }

  /// The overflow table index, or nil for an inline glyph.
  var overflowIndex: Int? {
    bits & 0xFF == Self.overflowMarker ? Int(truncatingIfNeeded: bits >> 8) : nil
  }

  /// Inline UTF-8 length in bytes: up to the highest non-zero byte.
  var inlineCount: Int { (64 - bits.leadingZeroBitCount + 7) / 8 }

  /// Appends an inline glyph's bytes.
  func appendInline(to bytes: inout [UInt8]) {
    var rest = bits
    while rest != 0 {
      bytes.append(UInt8(truncatingIfNeeded: rest))
      rest >>= 8
    }
  }

  /// The text of an inline glyph.
  var inlineString: String {
    if bits < 0x80 { return bits == 0 ? "" : Self.asciiStrings[Int(bits)] }
    let count = inlineCount
    let bits = self.bits
    return String(unsafeUninitializedCapacity: count) { buffer in
      for i in 0..<count { buffer[i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
      return count
    }
  }

  private static let asciiStrings: [String] = (0..<128).map {
    String(UnicodeScalar(UInt8($0)))
  }
}
