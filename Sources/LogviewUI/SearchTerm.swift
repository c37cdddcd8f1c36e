import LogviewCore

/// A `/` search: smart case, matched on bytes by the project's one SubstringSearch, so `n`,
/// the highlight and a filter word follow the same rules. `n` looks in a record's raw text,
/// the highlight in the row as shown: a word only the raw JSON holds (a key, an escaped
/// character) is found by `n` without being marked.
public struct SearchTerm: Equatable, Sendable {
  public let text: String
  let search: SubstringSearch

  public init?(_ text: String) {
    guard !text.isEmpty else { return nil }
    self.text = text
    search = SubstringSearch(smartCase: text)
  }

  public func occurs(in bytes: UnsafeRawBufferPointer) -> Bool {
    search.occurs(in: bytes)
  }

  /// Byte ranges of the occurrences in `text`'s UTF-8, left to right.
  public func ranges(in text: String) -> [Range<Int>] {
    var text = text
    return text.withUTF8 { search.ranges(in: UnsafeRawBufferPointer($0)) }
  }
}
