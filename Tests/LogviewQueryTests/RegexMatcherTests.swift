import LogviewCore
import Testing

@testable import LogviewQuery

@Suite struct RegexMatcherTests {
  /// pattern -> the literals every match must contain, longest first (empty: none proven).
  static let literals: [(String, [String])] = [
    ("time(d)? ?out", ["time", "out"]),
    ("timeout", ["timeout"]),
    ("a|b", []),
    ("(a|b)cd", ["cd"]),
    ("abc?", ["ab"]),
    ("ab*cde", ["cde"]),
    ("ab+", ["ab"]),
    ("ab+?c", ["ab"]),
    ("x{2}yz", ["yz"]),
    ("[abc]def", ["def"]),
    ("[]abc]x", []),
    (#"[a\]bcdef]x"#, ["x"]),
    (#"\d+foo"#, ["foo"]),
    (#"\x41bc"#, []),
    (#"\p{L}bc"#, []),
    (#"\Qa|b\E"#, []),
    ("(?i)abc", []),
    ("(?:ab)cd", ["cd"]),
    (#"a\.b"#, ["a.b"]),
    ("^/v1/orders/[0-9]+$", ["/v1/orders/"]),
    (".", []),
    ("café", ["caf"]),
    ("(abc", []),
    ("abc)", []),
    ("[a-z&&[^x]]q", ["q"]),
    ("a.b.c", ["a"]),
    ("ab.cd.e.fgh.ij", ["fgh", "ab", "cd"]),
  ]

  @Test(arguments: literals)
  func requiredLiterals(_ pattern: String, _ expected: [String]) {
    let literals = RegexPrefilter.requiredLiterals(pattern).map {
      String(decoding: $0, as: UTF8.self)
    }
    #expect(literals == expected)
  }

  /// pattern, flags, text, expected: matches through the prefilter agree with the engine.
  static let matches: [(String, String, String, Bool)] = [
    ("time(d)? ?out", "i", "request TIMED OUT", true),
    ("time(d)? ?out", "i", "all good", false),
    ("time(d)? ?out", "i", #"{"timestamp":1,"msg":"ok"}"#, false),
    ("time(d)? ?out", "i", #"{"timestamp":1,"msg":"timed OUT"}"#, true),
    ("time(d)? ?out", "", "request TIMED OUT", false),
    ("Timeout", "", "Gateway Timeout", true),
    ("k", "i", "\u{212A}", true),  // Kelvin sign folds to k: non-ASCII text skips the prefilter
    ("^abc$", "m", "x\nabc\ny", true),
    ("^abc$", "", "x\nabc\ny", false),
    ("a.b", "s", "a\nb", true),
    ("a.b", "", "a\nb", false),
    ("caf.", "", "café", true),
    (#"^\d+$"#, "", "12345", true),
    ("", "", "anything", true),
  ]

  @Test(arguments: matches)
  func matchesText(_ pattern: String, _ flags: String, _ text: String, _ expected: Bool) throws {
    let matcher = try RegexMatcher(pattern: pattern, flags: flags)
    #expect(Array(text.utf8).withUnsafeBytes { matcher.matches($0) } == expected)
    #expect(matcher.matches(text) == expected)
  }

  @Test func invalidUTF8IsDecodedLossily() throws {
    let matcher = try RegexMatcher(pattern: "foo", flags: "")
    let bytes: [UInt8] = [0xFF, 0x20, 0x66, 0x6F, 0x6F, 0xC3]
    #expect(bytes.withUnsafeBytes { matcher.matches($0) })
  }

  /// Backtracking blow-ups stop at the match limit and count as no match (NSRegularExpression
  /// ran 11 s for 40 `a`s and minutes for more).
  static let pathological: [(String, String)] = [
    ("(a+)+$", String(repeating: "a", count: 5000) + "!"),
    ("(.*a){20}", String(repeating: "a", count: 5000) + "!"),
    (#"(\w+\s?)+$"#, String(repeating: "word ", count: 2000) + "!"),
  ]

  @Test(arguments: pathological)
  func backtrackingStopsAtTheLimit(_ pattern: String, _ text: String) throws {
    // A lookahead keeps RE2 out: PCRE2's limit alone must end the search.
    let pattern = "(?=.)" + pattern
    let matcher = try RegexMatcher(pattern: pattern, flags: "")
    let started = ContinuousClock.now
    #expect(!matcher.matches(text))
    #expect(ContinuousClock.now - started < .seconds(1))
  }

  /// A search stopped at the limit that RE2 cannot take (a lookahead) is counted (once per
  /// search) on the filter, for every form a regex takes in a query, so the bar or stderr
  /// can say so; a match is not.
  static let limitedQueries: [(String, Bool)] = [
    ("/(?=a)(a+)+$/", false),
    ("msg=~/(?=a)(a+)+$/", false),
    ("msg!=~/(?=a)(a+)+$/", true),
    ("not /(?=a)(a+)+$/ and /a/", true),
  ]

  @Test(arguments: limitedQueries)
  func limitHitsAreCountedAndNoted(_ query: String, _ passes: Bool) throws {
    let filter = try Query.parse(query).compile(now: 0, zone: .utc)
    #expect(filter.regexLimitNote == nil)
    let record = Array(("{\"msg\":\"" + String(repeating: "a", count: 40) + "!\"}").utf8)
    let normalizer = Normalizer()
    let kept = record.withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { filter.matches($0) }
    }
    #expect(kept == passes)
    #expect(filter.regexLimitHits == 1)
    #expect(filter.regexLimitNote?.contains("on 1 record ") == true)
    let copy = filter
    _ = record.withUnsafeBytes { bytes in normalizer.withRecord(bytes) { copy.matches($0) } }
    #expect(filter.regexLimitHits == 2, "copies share the count")
    #expect(try Query.parse("/(?=a)(a+)+$/").compile(now: 0, zone: .utc).regexLimitHits == 0)
  }

  /// Records PCRE2 gives up on are RE2's to decide, exactly: a match PCRE2 never reached is
  /// found, nothing is counted as lost, and after a few such records RE2 goes first, so a
  /// pathological pattern costs linear time (`(\w+\s?)+$` took about 10 ms a log line).
  static let decidedByRE2: [(String, String, Bool)] = [
    ("(a+)+b|a!", String(repeating: "a", count: 40) + "!", true),
    ("(a+)+$", String(repeating: "a", count: 40) + "!", false),
    (#"(\w+\s?)+$"#, String(repeating: "word ", count: 400) + "!", false),
    (#"(\w+\s?)+$"#, String(repeating: "word ", count: 400) + "end", true),
  ]

  @Test(arguments: decidedByRE2)
  func recordsPCRE2GivesUpOnAreDecidedByRE2(_ pattern: String, _ text: String, _ matches: Bool)
    throws
  {
    let matcher = try RegexMatcher(pattern: pattern, flags: "")
    let started = ContinuousClock.now
    for _ in 0..<200 { #expect(matcher.matches(text) == matches) }
    #expect(matcher.limitHits == 0)
    #expect(ContinuousClock.now - started < .seconds(1), "RE2 goes first after a few")
  }

  /// Deep nesting is refused at compile time (a 2,200-deep bracket crashed the old parser
  /// with a stack overflow).
  @Test(arguments: ["(", "[", "(?:"])
  func deepNestingIsASyntaxError(_ opener: String) {
    #expect(throws: RegexSyntaxError.self) {
      try RegexMatcher(pattern: String(repeating: opener, count: 2200), flags: "")
    }
  }

  /// Invalid UTF-8 never matches a character but does not hide a match elsewhere.
  @Test func invalidUTF8NeverMatchesACharacter() throws {
    let matcher = try RegexMatcher(pattern: "a.b", flags: "")
    #expect(![UInt8]([0x61, 0xFF, 0x62]).withUnsafeBytes { matcher.matches($0) })
    #expect([UInt8]([0x61, 0xFF, 0x62, 0x61, 0x2D, 0x62]).withUnsafeBytes { matcher.matches($0) })
  }

  static let invalidPatterns: [(String, String)] = [
    ("a(b", "missing closing parenthesis at offset 3 in the pattern"),
    ("[abc", "missing terminating ]"),
    ("*a", "quantifier does not follow a repeatable item at offset 0 in the pattern"),
  ]

  @Test(arguments: invalidPatterns)
  func invalidPatternHasReason(_ pattern: String, _ fragment: String) {
    #expect {
      try RegexMatcher(pattern: pattern, flags: "")
    } throws: { error in
      (error as? RegexSyntaxError)?.reason.contains(fragment) == true
    }
  }
}
