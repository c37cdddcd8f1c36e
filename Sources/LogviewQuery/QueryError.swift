/// A problem in a filter: where it starts and what was expected there.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// 1-based column in the query text where the problem starts, counted in characters
  /// (one past the last character when the problem is the end of the text).
  public let column: Int
  /// What went wrong, e.g. "expected a value after '>='".
  public let message: String

  public init(column: Int, message: String) {
    self.column = column
    self.message = message
  }

  /// Builds an error from a UTF-8 byte offset into the query; the column counts characters so
  /// the UI can put a caret under it even after non-ASCII text.
  init(offset: Int, in source: [UInt8], _ message: String) {
    self.column = Self.column(at: offset, in: source)
    self.message = message
  }

  /// The 1-based character column of a UTF-8 byte offset.
  static func column(at offset: Int, in source: [UInt8]) -> Int {
    let end = min(max(offset, 0), source.count)
    return String(decoding: source[0..<end], as: UTF8.self).count + 1
  }

  public var description: String { "column \(column): \(message)" }
}

/// Columns of byte offsets asked for in increasing order, each counted on from the last: the
/// parser asks for one per term, and counting each from the start made parsing quadratic.
/// Counts what `QueryError.column` counts: characters starting before the offset. An offset
/// before the last is counted from the start again (correct, but the parser never asks).
struct ColumnCounter {
  private let text: String
  /// `text`'s UTF-8.
  private let bytes: [UInt8]
  /// A character starts here; `characters` start before it.
  private var offset = 0
  private var characters = 0
  /// `offset` as an index of `text` when the last step was a character's: stepping on from
  /// it needs no look back at what came before.
  private var index: String.Index?

  init(_ text: String, bytes: [UInt8]) {
    self.text = text
    self.bytes = bytes
  }

  mutating func column(at target: Int) -> Int {
    if target < offset {
      offset = 0
      characters = 0
      index = nil
    }
    while offset < target, offset < bytes.count {
      let byte = bytes[offset]
      let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
      // An ASCII byte before another (CR LF aside) is a character by itself.
      if byte < 0x80, next < 0x80, byte != 0x0D || next != 0x0A {
        offset += 1
        index = nil
      } else {
        let from = index ?? text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        let to = text.index(after: from)
        offset += text.utf8.distance(from: from, to: to)
        index = to
      }
      characters += 1
    }
    return characters + 1
  }
}
