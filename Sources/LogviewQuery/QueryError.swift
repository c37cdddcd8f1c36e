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
