import LogviewCore
import LogviewQuery

/// A `/` search: a regular expression with smart case (`SearchPattern`, the filter's regex
/// engine), or the text as written when it is not a valid expression. Compiled once when
/// the search is entered: `n`, the hit count and the highlight share it, and with it the
/// engine's give-up count (a pathological pattern goes to the linear-time engine for all of
/// them). `n` looks in a record's raw text, the highlight in the row as shown: a word only
/// the raw JSON holds (a key, an escaped character) is found by `n` without being marked.
public struct SearchTerm: Equatable, Sendable {
  public let pattern: SearchPattern

  public init?(_ text: String) {
    guard let pattern = SearchPattern(text) else { return nil }
    self.pattern = pattern
  }

  public var text: String { pattern.text }

  public static func == (a: SearchTerm, b: SearchTerm) -> Bool { a.text == b.text }

  public func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
    pattern.occurs(in: bytes)
  }

  /// Byte ranges of the matches in `text`'s UTF-8, left to right.
  public func ranges(in text: String) -> [Range<Int>] {
    var text = text
    return text.withUTF8 { pattern.ranges(in: UnsafeRawBufferPointer($0)) }
  }
}
