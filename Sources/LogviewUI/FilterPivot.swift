import LogviewCore
import LogviewQuery

/// The filter text a pivot from the detail pane adds: `field=value` written so the filter
/// language reads it back (see QueryLexer: a bare value ends at a space, a parenthesis or
/// `&&`/`||`; quotes and a leading `/` start other tokens), ANDed with the filter in force.
enum FilterPivot {
  /// `path=value`, the value quoted when it must be; nil when the path cannot be written
  /// as a field name (it holds a space, a quote, a parenthesis or an operator character).
  static func term(path: String, value: String) -> String? {
    guard isBareName(path) else { return nil }
    return path + "=" + (isBareValue(value) ? value : Query.quote(value))
  }

  /// `term` added to `filter`: a filter with an `or` in it is parenthesized first, since
  /// juxtaposition binds tighter than `or`.
  static func adding(_ term: String, to filter: String) -> String {
    let trimmed = filter.trimmingWhitespace()
    if trimmed.isEmpty { return term }
    let words = trimmed.lowercased().split(separator: " ")
    let hasOr = words.contains("or") || trimmed.contains("||")
    return (hasOr ? "(\(trimmed))" : trimmed) + " " + term
  }

  static let keywords: Set<String> = ["and", "or", "not", "in", "exists"]

  static func isBareName(_ name: String) -> Bool {
    guard let first = name.utf8.first, first != UInt8(ascii: "/"),
      !keywords.contains(name.lowercased())
    else { return false }
    return name.utf8.allSatisfy { byte in
      byte > 0x20 && byte != 0x7F && !"\"'()=<>:~!&|".utf8.contains(byte)
    }
  }

  static func isBareValue(_ value: String) -> Bool {
    guard let first = value.utf8.first, first != UInt8(ascii: "/"), value != "*",
      !keywords.contains(value.lowercased())
    else { return false }
    return value.utf8.allSatisfy { byte in
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        true
      default: "._-:@+/".utf8.contains(byte)
      }
    }
  }
}
