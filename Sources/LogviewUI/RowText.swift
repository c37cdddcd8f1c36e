import LogviewCore

/// A line of styled text pieces, drawn with horizontal scrolling and clipping.
public struct RowText: Equatable, Sendable {
  public struct Segment: Equatable, Sendable {
    public var text: String
    public var style: Style
  }

  public var segments: [Segment] = []

  public init() {}

  public mutating func append(_ text: String, _ style: Style = .plain) {
    guard !text.isEmpty else { return }
    segments.append(Segment(text: text, style: style))
  }

  public var plainText: String { segments.map(\.text).joined() }

  /// Draws the row from column `x`, `width` columns wide, skipping the first `offset`
  /// columns of the text; `base` is merged under each segment's style (selection).
  public func draw(
    into buffer: inout CellBuffer, x: Int, y: Int, width: Int, offset: Int = 0,
    base: Style? = nil
  ) {
    var skip = max(0, offset)
    var column = x
    let end = x + width
    for segment in segments where column < end {
      var text = Substring(segment.text)
      if skip > 0 {
        let w = DisplayWidth.of(text)
        if w <= skip {
          skip -= w
          continue
        }
        // Drop whole characters until the skipped width is reached.
        var dropped = 0
        var index = text.startIndex
        while index < text.endIndex, dropped < skip {
          dropped += DisplayWidth.of(text[index])
          index = text.index(after: index)
        }
        text = text[index...]
        skip = 0
      }
      var style = segment.style
      if let base { style = Self.merge(base, over: style) }
      column += buffer.put(String(text), x: column, y: y, style: style, maxWidth: end - column)
    }
  }

  /// The row cut into screen lines of at most `width` columns, at most `maxLines` of them
  /// (the rest is not shown): cut between characters, a wide one that would straddle the
  /// edge starting the next line. Only as much of the text as the lines hold is measured.
  public func wrapped(width: Int, maxLines: Int) -> [RowText] {
    guard width > 0, maxLines > 0 else { return [] }
    var lines = [RowText()]
    var column = 0
    for segment in segments {
      var rest = Substring(segment.text)
      while !rest.isEmpty {
        if column >= width {
          guard lines.count < maxLines else { return lines }
          lines.append(RowText())
          column = 0
        }
        var (piece, taken) = DisplayWidth.prefix(rest, fitting: width - column)
        if piece.isEmpty {
          guard column == 0 else {
            column = width
            continue
          }
          // A character wider than the whole line: alone on it.
          piece = rest.prefix(1)
          taken = width
        }
        lines[lines.count - 1].append(String(piece), segment.style)
        column += taken
        rest = rest[piece.endIndex...]
      }
    }
    return lines
  }

  /// The selection keeps a segment's color but adds its own attributes.
  static func merge(_ base: Style, over style: Style) -> Style {
    var merged = style
    merged.reverse = merged.reverse != base.reverse
    merged.bold = merged.bold || base.bold
    if base.bg != .standard { merged.bg = base.bg }
    return merged
  }
}
