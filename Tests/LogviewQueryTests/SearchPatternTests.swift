import LogviewCore
import Testing

@testable import LogviewQuery

/// The explorer's `/` pattern: smart case as less and vim decide it, a regex or the text as
/// written, the same records as the filter's `/re/` or word, and the highlight's ranges.
@Suite struct SearchPatternTests {
  /// Escapes and group names are syntax: their letters do not make the search exact.
  @Test(arguments: [
    ("timeout", true), ("Timeout", false), (#"\S+\W\D"#, true), (#"\p{Lu}x"#, true),
    (#"\x{41}"#, true), ("(?<Name>a)", true), ("(?P<Name>a)(?P=Name)", true),
    (#"\QAB\E"#, false), ("(?=Foo)", false), ("école", true), ("École", false),
  ])
  func smartCase(pattern: String, ignoresCase: Bool) throws {
    let search = try #require(SearchPattern(pattern))
    #expect(search.ignoresCase == ignoresCase, "\(pattern)")
  }

  /// The records a search finds are those the filter keeps: `/re/` with `i` for a
  /// lowercase pattern, a word for plain text.
  @Test(arguments: [
    ("time(d)? ?out", "/time(d)? ?out/i"), ("Time(d)?", "/Time(d)?/"), ("timeout", "timeout"),
    ("école", "école"), ("[0-9]{4}ms", "/[0-9]{4}ms/i"),
  ])
  func agreesWithTheFilter(pattern: String, filter: String) throws {
    let search = try #require(SearchPattern(pattern))
    #expect(search.isRegex)
    let compiled = try Query.parse(filter).compile(now: 0, zone: .utc)
    let records = [
      #"{"msg":"Timeout after 2400ms"}"#, #"{"msg":"timed out"}"#, #"{"msg":"TIMEDOUT"}"#,
      #"{"msg":"ÉCOLE école"}"#, #"{"msg":"ÉCOLE"}"#, #"{"msg":"all good in 12ms"}"#,
    ]
    let normalizer = Normalizer()
    for record in records {
      let bytes = Array(record.utf8)
      let found = bytes.withUnsafeBytes { search.occurs(in: $0) }
      let kept = bytes.withUnsafeBytes { text in
        normalizer.withRecord(text, firstLineLength: text.count) { compiled.matches($0) }
      }
      #expect(found == kept, "\(pattern) on \(record)")
    }
  }

  /// Not a valid expression: the text as written, smart case still.
  @Test func anInvalidExpressionIsText() throws {
    let search = try #require(SearchPattern("(a+"))
    #expect(!search.isRegex)
    #expect(search.ignoresCase)
    #expect(Array("x (A+ (a+".utf8).withUnsafeBytes { search.ranges(in: $0) } == [2..<5, 6..<9])
  }

  /// What a highlight marks: every match left to right, empty ones left out, on character
  /// boundaries. A plain word folds ASCII only, as a filter word does; a regex, Unicode.
  @Test(arguments: [
    ("o+", "foo boo", [1..<3, 5..<7]), ("x*", "axxb", [1..<3]), ("é", "éÉé", [0..<2, 4..<6]),
    ("é+", "éÉé", [0..<6]),
    ("b$", "ab ab", [4..<5]), (#"\bab"#, "ab cab ab", [0..<2, 7..<9]),
  ])
  func ranges(pattern: String, text: String, expected: [Range<Int>]) throws {
    let search = try #require(SearchPattern(pattern))
    #expect(Array(text.utf8).withUnsafeBytes { search.ranges(in: $0) } == expected, "\(pattern)")
  }

  /// `(a+)+$` on forty a's and a '!' (it once took 11.5 s on one 41-byte line): PCRE2 stops
  /// at its step limit, RE2 decides, and after a few such lines RE2 goes first.
  @Test func aPathologicalPatternIsDecidedQuickly() throws {
    let search = try #require(SearchPattern("(a+)+$"))
    let line = Array((String(repeating: "a", count: 40) + "!").utf8)
    let clock = ContinuousClock()
    let took = clock.measure {
      for _ in 0..<200 {
        #expect(!line.withUnsafeBytes { search.occurs(in: $0) })
        #expect(line.withUnsafeBytes { search.ranges(in: $0) }.isEmpty)
      }
    }
    #expect(took < .seconds(2), "\(took)")
    #expect(search.limitHits == 0, "RE2 decided every line")
  }
}
