import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewQuery

/// Hostile sizes: a megabyte of filter is parsed, compiled and matched (or refused) in time
/// proportional to its length. Each used to take time in its square: columns were counted
/// from the start of the text for every term, and a dotted path joined each of its prefixes
/// for every record. The bound (CPU time) is generous for debug builds; a release build
/// parses each in well under 0.1 s.
@Suite struct QueryScalingTests {
  static let megabyte = 1 << 20

  /// `unit` repeated to about a megabyte (joined by `separator`), then `tail`.
  static func repeated(_ unit: (Int) -> String, separator: String, tail: String = "") -> String {
    var text = ""
    text.reserveCapacity(megabyte + 64)
    var i = 0
    while text.utf8.count < megabyte {
      if i > 0 { text += separator }
      text += unit(i)
      i += 1
    }
    return text + tail
  }

  /// The queries by name (the name is the test's argument: a megabyte is too long to show).
  static func query(_ name: String) -> String {
    switch name {
    case "words": repeated({ "w\($0)" }, separator: " ")
    case "or chain": repeated({ "w\($0)" }, separator: " or ")
    case "and chain": repeated({ "k\($0)=v" }, separator: " && ")
    case "dotted path": repeated({ "a\($0)" }, separator: ".", tail: "=1")
    case "nested parentheses": String(repeating: "(", count: megabyte) + "a"
    case "negations": String(repeating: "not ", count: megabyte / 4) + "a"
    case "list": "x in (" + repeated({ "v\($0)" }, separator: ",") + ")"
    case "lists": repeated({ "x\($0) in (a, b)" }, separator: " ")
    case "comparisons": repeated({ "k\($0)>=\($0)" }, separator: " or ")
    case "trailing error": repeated({ "w\($0)" }, separator: " ", tail: " >")
    default: repeated({ "é\($0)" }, separator: " ")
    }
  }

  @Test(arguments: [
    "words", "or chain", "and chain", "dotted path", "nested parentheses", "negations", "list",
    "lists", "comparisons", "trailing error", "non-ASCII words",
  ])
  func megabyteQueryIsLinear(_ name: String) {
    let text = Self.query(name)
    let seconds = threadCPUSeconds {
      do {
        let filter = try Query.parse(text).compile(now: 0, zone: .utc)
        // One record that has the first path components: the lookup walks the path.
        let line = Array(#"{"a0":{"a1":{"a2":1}},"w1":1,"msg":"w0 w1"}"#.utf8)
        let normalizer = Normalizer()
        line.withUnsafeBytes { bytes in
          normalizer.withRecord(bytes) { record in _ = filter.matches(record) }
        }
      } catch let error as QueryError {
        #expect(!error.message.isEmpty)
      } catch {
        Issue.record(error)
      }
    }
    #expect(seconds < 2, "\(name): \(seconds) s")
  }

  /// Deep nesting is refused with a clear error at the first level past the limit, not a
  /// stack overflow.
  @Test func deepNestingIsAnError() {
    let text = String(repeating: "(", count: Self.megabyte)
    #expect {
      try Query.parse(text)
    } throws: { error in
      guard let error = error as? QueryError else { return false }
      return error.column == QueryParser.maxDepth + 1
        && error.message == "too deeply nested (more than 64 levels of '(')"
    }
  }

  /// Columns counted on from the last term agree with counting from the start, across
  /// non-ASCII text and grapheme clusters: (filter, column of "bogus", which fails to compile).
  static let columns: [(String, Int)] = [
    ("é x y level=bogus", 13),
    ("e\u{301} x level=bogus", 11),
    ("🇫🇷 🙂 a level=bogus", 13),
    ("level=bogus", 7),
    ("a level>=warn b c d e f g h level=bogus", 35),
  ]

  @Test(arguments: columns)
  func columnsCountCharacters(_ text: String, _ column: Int) throws {
    let query = try Query.parse(text)
    #expect {
      try query.compile(now: 0, zone: .utc)
    } throws: { error in
      guard let error = error as? QueryError else { return false }
      // "bogus" ends the text: counted from the start, as errors found while parsing are.
      let bytes = Array(text.utf8)
      return error.column == column
        && error.column == QueryError.column(at: bytes.count - 5, in: bytes)
    }
  }
}
