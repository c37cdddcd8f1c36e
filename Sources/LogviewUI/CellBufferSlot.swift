import LogviewCore

extension CellBuffer {
  /// A stored cell: the glyph and, packed in one word so that a fill is two stores per
  /// cell, the width (bits 0-7), fg (8-15), bg (16-23) and attribute flags (24-27).
  struct Slot: Equatable, Sendable {
    var glyph: Glyph
    private var format: UInt64

    init(glyph: Glyph, width: UInt8, style: Style) {
      self.glyph = glyph
      format = UInt64(width) | Self.pack(style)
    }

    var width: UInt8 {
      get { UInt8(truncatingIfNeeded: format) }
      set { format = format & ~0xFF | UInt64(newValue) }
    }

    var style: Style {
      get {
        let flags = format >> 24
        return Style(
          fg: TermColor(rawValue: UInt8(truncatingIfNeeded: format >> 8)) ?? .standard,
          bg: TermColor(rawValue: UInt8(truncatingIfNeeded: format >> 16)) ?? .standard,
          bold: flags & 1 != 0, dim: flags & 2 != 0, reverse: flags & 4 != 0,
          underline: flags & 8 != 0)
      }
      set { format = format & 0xFF | Self.pack(newValue) }
    }

    /// Same style as `other` (without decoding either).
    func hasSameStyle(as other: Slot) -> Bool { format >> 8 == other.format >> 8 }

    private static func pack(_ style: Style) -> UInt64 {
      var flags: UInt64 = 0
      if style.bold { flags |= 1 }
      if style.dim { flags |= 2 }
      if style.reverse { flags |= 4 }
      if style.underline { flags |= 8 }
      return UInt64(style.fg.rawValue) << 8 | UInt64(style.bg.rawValue) << 16 | flags << 24
    }
  }
}
