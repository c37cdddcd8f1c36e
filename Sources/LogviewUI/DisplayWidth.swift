import LogviewCore

/// Display columns of text (East Asian wide, emoji = 2; combining marks, ZWJ = 0).
///
/// Computed here instead of with libc `wcwidth`, which depends on the process locale and the
/// C library's Unicode version. Works per grapheme cluster (Swift `Character`): a cluster is as
/// wide as its first scalar that is not zero-width, and 2 when it is an emoji sequence (an
/// emoji followed by U+FE0F, or an emoji ZWJ sequence). Control characters count 1: the cell
/// buffer draws them as '?'.
public enum DisplayWidth {
  public static func of(_ character: Character) -> Int {
    // Single ASCII scalars (controls included) and CR LF.
    if character.isASCII { return 1 }
    var scalars = character.unicodeScalars.makeIterator()
    return clusterWidth(&scalars)
  }

  public static func of(_ text: some StringProtocol) -> Int {
    var total = 0
    forEachCluster(in: text) { cluster, _ in
      switch cluster {
      case .ascii(let bytes): total += bytes.count
      case .other(let bytes): total += clusterWidth(bytes)
      }
      return true
    }
    return total
  }

  /// `text` cut to `width` columns (never splitting a wide character), then padded with
  /// spaces to exactly `width`: a fixed-width column.
  public static func padded(_ text: String, to width: Int) -> String {
    let shown = prefix(text, fitting: width)
    return String(shown.text) + String(repeating: " ", count: max(0, width - shown.width))
  }

  /// The longest prefix of `text` that fits in `columns`, and its width.
  public static func prefix<S: StringProtocol>(_ text: S, fitting columns: Int) -> (
    text: S.SubSequence, width: Int
  ) {
    var width = 0
    var end = 0
    forEachCluster(in: text) { cluster, clusterEnd in
      switch cluster {
      case .ascii(let bytes):
        // Each byte is a column: take as many as fit.
        let taken = max(0, min(bytes.count, columns - width))
        width += taken
        end = clusterEnd - bytes.count + taken
        return taken == bytes.count
      case .other(let bytes):
        let w = clusterWidth(bytes)
        guard w <= columns - width else { return false }
        width += w
        end = clusterEnd
        return true
      }
    }
    let utf8 = text.utf8
    return (text[..<utf8.index(utf8.startIndex, offsetBy: end)], width)
  }

  /// Width of the cluster whose UTF-8 bytes are `bytes`.
  static func clusterWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    if bytes.count == 1 || (bytes.count == 2 && bytes[0] == 0x0D) { return 1 }
    var scalars = Scalars(bytes)
    return clusterWidth(&scalars)
  }

  static func clusterWidth(_ scalars: inout some IteratorProtocol<Unicode.Scalar>) -> Int {
    var width = 0
    var base: Unicode.Scalar?
    var joined = false
    var emojiStyle = false
    while let scalar = scalars.next() {
      switch scalar.value {
      case 0x200D: joined = true
      case 0xFE0F: emojiStyle = true
      default: break
      }
      if base == nil {
        let w = scalarWidth(scalar)
        if w > 0 {
          width = w
          base = scalar
        }
      }
    }
    guard let base, width == 1 else { return width }
    // Text-default emoji (❤, ☺, digits for keycaps) turn wide with VS16 or inside a ZWJ
    // sequence; an ASCII letter followed by a stray ZWJ does not.
    if emojiStyle || (joined && base.value >= 0x80), base.properties.isEmoji { return 2 }
    return 1
  }

  /// Width of one scalar on its own: 0, 1 or 2. C0/C1 controls and DEL are 1 (drawn as '?').
  static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    switch value {
    // Latin-1 and Latin Extended: no marks, nothing wide (U+00AD soft hyphen shows as 1).
    case ..<0x300: return 1
    // The bulk of CJK, kana and Hangul text: wide, no marks (skips the lookups below).
    case 0x4E00...0x9FFF, 0x3041...0x3096, 0x309B...0x30FF, 0xAC00...0xD7A3, 0x3400...0x4DBF,
      0x20000...0x2FFFD:
      return 2
    default: break
    }
    // Grapheme break class Other: no mark or format character among them.
    if isPlain(value) { return WideCharacters.contains(value) ? 2 : 1 }
    if isZeroWidth(scalar) { return 0 }
    return WideCharacters.contains(value) ? 2 : 1
  }

  /// Combining marks (Mn, Me: variation selectors are Mn) and format characters (Cf: ZWJ,
  /// ZWSP, bidi controls, BOM, tags), plus the Hangul vowel and final-consonant jamo that
  /// terminals print on top of the leading consonant.
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true
    default: break
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  /// True for clusters the buffer shows as '?': C0/C1 controls, DEL, and the line and
  /// paragraph separators, which terminals would otherwise act on.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: return true
    default: return false
    }
  }

  static func startsWithControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var scalars = Scalars(bytes)
    guard let first = scalars.next() else { return false }
    return isControl(first)
  }

  enum Cluster {
    /// ASCII bytes that are each a cluster of their own (controls included, never CR LF).
    case ascii(UnsafeBufferPointer<UInt8>)
    /// One other cluster's UTF-8 bytes.
    case other(UnsafeBufferPointer<UInt8>)
  }

  /// Calls `body` with the grapheme clusters of `text` in order, each with the UTF-8 offset
  /// where it ends, until `body` returns false; the buffers are valid only during the call.
  /// ASCII runs come whole. Elsewhere, a scalar between two "plain" scalars (see `isPlain`)
  /// is a cluster by itself; only around marks, joiners, jamo, flags and the like does Swift's
  /// `String.index(after:)` find the cluster's end (~100 ns each, 20x the plain path).
  @inline(__always)
  static func forEachCluster<S: StringProtocol>(
    in text: S, _ body: (_ cluster: Cluster, _ end: Int) -> Bool
  ) {
    let walked: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
      walk(bytes, of: text, body)
    }
    guard walked == nil else { return }
    // Only bridged, non-UTF-8 strings land here; a native copy has the same clusters.
    var copy = String(text)
    copy.makeContiguousUTF8()
    _ = copy.utf8.withContiguousStorageIfAvailable { bytes in walk(bytes, of: copy, body) }
  }

  @inline(__always)
  private static func walk<S: StringProtocol>(
    _ bytes: UnsafeBufferPointer<UInt8>, of text: S, _ body: (Cluster, Int) -> Bool
  ) {
    let count = bytes.count
    var offset = 0
    while offset < count {
      var end = offset
      // ASCII in runs of at most 256 bytes: a caller that wants 80 columns of a 100 KB line
      // must not pay for scanning all of it (wrapping would be quadratic).
      let limit = min(count, offset + 256)
      while end < limit, bytes[end] < 0x80 {
        if bytes[end] == 0x0D, end + 1 < count, bytes[end + 1] == 0x0A { break }
        end += 1
      }
      // Never between the CR and LF of a CRLF cluster.
      if end == limit, end < count, end > offset + 1, bytes[end - 1] == 0x0D { end -= 1 }
      // The last ASCII byte before a non-ASCII one may take combining marks.
      if end < count, end > offset, bytes[end] >= 0x80 { end -= 1 }
      if end > offset {
        if !body(.ascii(UnsafeBufferPointer(rebasing: bytes[offset..<end])), end) { return }
        offset = end
        continue
      }
      end = clusterEnd(bytes, from: offset, of: text)
      if !body(.other(UnsafeBufferPointer(rebasing: bytes[offset..<end])), end) { return }
      offset = end
    }
  }

  /// The end of the cluster that starts at `offset`.
  private static func clusterEnd<S: StringProtocol>(
    _ bytes: UnsafeBufferPointer<UInt8>, from offset: Int, of text: S
  ) -> Int {
    let (first, firstLength) = decode(bytes, at: offset)
    let next = offset + firstLength
    guard next < bytes.count else { return bytes.count }
    if first == 0x0D && bytes[next] == 0x0A { return next + 1 }
    // Between two scalars of grapheme break class Other (or ASCII) there is always a break.
    if (first < 0x80 && first != 0x0D) || isPlain(first) {
      let (second, _) = decode(bytes, at: next)
      if second < 0x80 || isPlain(second) { return next }
    }
    let utf8 = text.utf8
    let index = utf8.index(utf8.startIndex, offsetBy: offset)
    let end = utf8.distance(from: utf8.startIndex, to: text.index(after: index))
    return min(bytes.count, max(next, end))
  }

  /// Scalars of grapheme break class Other that no rule joins to a neighbour of class
  /// Other: not marks, joiners, prepend, controls, jamo, regional indicators. Covers Latin,
  /// Greek, Cyrillic, general punctuation, symbols, box drawing, kana, CJK, Hangul syllables
  /// and fullwidth forms. (Checked against Swift's breaking for every scalar listed here.)
  static func isPlain(_ value: UInt32) -> Bool {
    switch value {
    // Most frequent first: the cases are tested in order.
    case 0x4E00...0x9FFF, 0x3041...0x3096, 0x309B...0x30FF, 0xAC00...0xD7A3, 0xA0...0xAC,
      0xAE...0x2FF, 0x370...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x2030...0x205F,
      0x2070...0x20CF, 0x2100...0x2BFF, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF,
      0xFF01...0xFF9D, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// The scalar value at `offset` of valid UTF-8 and its length in bytes; a truncated
  /// sequence decodes as U+FFFD over the remaining bytes.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt32, Int) {
    let lead = UInt32(bytes[offset])
    let (length, initial): (Int, UInt32) =
      switch lead {
      case ..<0x80: (1, lead)
      case ..<0xE0: (2, lead & 0x1F)
      case ..<0xF0: (3, lead & 0x0F)
      default: (4, lead & 0x07)
      }
    guard offset + length <= bytes.count else { return (0xFFFD, bytes.count - offset) }
    var value = initial
    for i in 1..<max(1, length) { value = value << 6 | UInt32(bytes[offset + i] & 0x3F) }
    return (value, length)
  }

  /// The scalars of a cluster's bytes.
  struct Scalars: IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
    }

    mutating func next() -> Unicode.Scalar? {
      guard offset < bytes.count else { return nil }
      let (value, length) = DisplayWidth.decode(bytes, at: offset)
      offset += length
      return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
  }
}
