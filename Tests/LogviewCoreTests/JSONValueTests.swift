import Testing

@testable import LogviewCore

@Suite struct JSONValueTests {
  /// Runs `body` with the value of member `key` of the one-line object `line`.
  static func withMember<R>(_ line: [UInt8], _ key: String, _ body: (JSONValue) -> R) -> R? {
    var scanner = JSONObjectScanner()
    return line.withUnsafeBytes { buf -> R? in
      guard scanner.scan(buf) else { return nil }
      guard let m = scanner.members.last(where: { $0.key(in: buf).equals(key) }) else {
        return nil
      }
      return body(m.value(in: buf))
    }
  }

  static func withMember<R>(_ line: String, _ key: String, _ body: (JSONValue) -> R) -> R? {
    withMember(Array(line.utf8), key, body)
  }

  /// (JSON string literal content, decoded text)
  static let decodeCases: [(String, String)] = [
    ("plain", "plain"),
    ("", ""),
    (#"a\"b"#, "a\"b"),
    (#"\\\/\b\f\n\r\t"#, "\\/\u{8}\u{c}\n\r\t"),
    (#"\u0041\u00e9\u00E9\u20AC"#, "Aéé€"),
    (#"\ud83d\ude00!"#, "😀!"),
    (#"\uD83D\uDE00"#, "😀"),
    (#"x\ud800y"#, "x\u{FFFD}y"),
    (#"\udc00"#, "\u{FFFD}"),
    (#"\ud800\ud800"#, "\u{FFFD}\u{FFFD}"),
    (#"\ud800\u0041"#, "\u{FFFD}A"),
    (#"\ud83d"#, "\u{FFFD}"),
    (#"\u0000"#, "\u{0}"),
    ("héllo 😀", "héllo 😀"),
  ]

  @Test(arguments: decodeCases)
  func decodesEscapes(_ content: String, _ expected: String) {
    let line = "{\"s\":\"\(content)\"}"
    #expect(Self.withMember(line, "s") { $0.decodedString() } == expected)
    let bytes = Self.withMember(line, "s") { v -> [UInt8] in
      var out: [UInt8] = [0x7C]
      v.appendDecoded(to: &out)
      return out
    }
    #expect(bytes == [0x7C] + Array(expected.utf8))
  }

  static let invalidUTF8Cases: [([UInt8], [UInt8])] = [
    ([0x61, 0xFF, 0x62], [0x61, 0xEF, 0xBF, 0xBD, 0x62]),
    ([0xE2, 0x82], [0xEF, 0xBF, 0xBD]),
    ([0xE2, 0x82, 0x5C, 0x6E], [0xEF, 0xBF, 0xBD, 0x0A]),  // truncated sequence before "\n"
    ([0xC0, 0xAF], [0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD]),
    ([0xF0, 0x9F, 0x98, 0x80], [0xF0, 0x9F, 0x98, 0x80]),
  ]

  @Test(arguments: invalidUTF8Cases)
  func invalidUTF8DecodesToReplacement(_ raw: [UInt8], _ expected: [UInt8]) {
    let line = Array(#"{"s":""#.utf8) + raw + Array(#""}"#.utf8)
    let out = Self.withMember(line, "s") { v -> [UInt8] in
      var out: [UInt8] = []
      v.appendDecoded(to: &out)
      return out
    }
    #expect(out == expected)
    #expect(Self.withMember(line, "s") { Array($0.decodedString().utf8) } == expected)
  }

  @Test func nonStringsDecodeToTheirRawToken() {
    let line = #"{"n":-1.5e3,"b":true,"o":{"a": "\n"},"a":[1, 2]}"#
    #expect(Self.withMember(line, "n") { $0.decodedString() } == "-1.5e3")
    #expect(Self.withMember(line, "b") { $0.decodedString() } == "true")
    #expect(Self.withMember(line, "o") { $0.decodedString() } == #"{"a": "\n"}"#)
    #expect(Self.withMember(line, "a") { $0.decodedString() } == "[1, 2]")
  }

  /// (value as written in JSON, expected number())
  static let numberCases: [(String, Double?)] = [
    ("0", 0), ("-0", -0.0), ("42", 42), ("-17", -17), ("1.5", 1.5), ("-2.25e2", -225),
    ("1e3", 1000), ("1E-2", 0.01), ("0.1", 0.1), ("123456789012345678", 123_456_789_012_345_680),
    ("3.141592653589793", 3.141592653589793), ("1.7976931348623157e308", 1.7976931348623157e308),
    ("5e-324", .leastNonzeroMagnitude), ("1e400", .infinity),
    ("0.30000000000000004", 0.30000000000000004),
    ("9007199254740993", 9007199254740992), ("Infinity", .infinity), ("-Infinity", -.infinity),
    (#""42""#, 42), (#""-1.25""#, -1.25), (#""\u0034\u0032""#, 42), (#"" 42""#, nil),
    (#""42 ""#, nil), (#""0x10""#, nil), (#""NaN""#, nil), (#""""#, nil), (#""abc""#, nil),
    ("true", nil), ("null", nil), ("[1]", nil), (#"{"a":1}"#, nil),
  ]

  @Test(arguments: numberCases)
  func parsesNumbers(_ json: String, _ expected: Double?) {
    let got = Self.withMember("{\"v\":\(json)}", "v") { $0.number() }
    #expect(got != nil, "value must be found")
    #expect(got! == expected)
    if let e = expected, e == 0 { #expect(got!!.sign == e.sign) }
  }

  @Test func nanIsANumber() {
    let got = Self.withMember(#"{"v":NaN}"#, "v") { $0.number() }
    #expect(got??.isNaN == true)
    #expect(Self.withMember(#"{"v":NaN}"#, "v") { $0.int64() } == .some(nil))
  }

  @Test func numberMatchesCorrectlyRoundedParsingOnRandomTokens() {
    var rng = JSONFuzzRandom(state: 7)
    for _ in 0..<2000 {
      var s = rng.below(2) == 0 ? "-" : ""
      s += String(rng.next() % 1_000_000_000_000)
      if rng.below(2) == 0 { s += "." + String(rng.next() % 100_000_000_000_000_000) }
      if rng.below(2) == 0 { s += "e" + String(rng.below(700) - 350) }
      let got = Array(s.utf8).withUnsafeBytes {
        JSONValue(bytes: $0, kind: .number, hasEscapes: false).number()
      }
      if got != Double(s) { Issue.record("\(s): \(String(describing: got)) vs \(Double(s)!)") }
    }
  }

  static let int64Cases: [(String, Int64?)] = [
    ("0", 0), ("-0", 0), ("42", 42), ("-42", -42),
    ("9223372036854775807", .max), ("-9223372036854775808", .min),
    ("9223372036854775808", nil), ("-9223372036854775809", nil),
    ("99999999999999999999999", nil), ("1.0", 1), ("1e3", 1000), ("-2.0E1", -20), ("1.5", nil),
    ("1e19", nil), ("Infinity", nil), ("-Infinity", nil), (#""123""#, 123), (#""-7""#, -7),
    (#""1.5""#, nil), (#""x""#, nil), (#""007""#, nil), ("false", nil), ("null", nil),
  ]

  @Test(arguments: int64Cases)
  func parsesInt64WithoutTrapping(_ json: String, _ expected: Int64?) {
    #expect(Self.withMember("{\"v\":\(json)}", "v") { $0.int64() } == .some(expected))
  }

  static let equalsCases: [(String, String, Bool)] = [
    (#""info""#, "info", true), (#""info""#, "INFO", false), (#""info""#, "inf", false),
    (#""""#, "", true), (#""a\"b""#, "a\"b", true), (#""\u0069nfo""#, "info", true),
    (#""a\nb""#, "a\nb", true), (#""a\nb""#, "a\\nb", false), ("42", "42", true),
    ("true", "true", true), ("null", "nul", false),
  ]

  @Test(arguments: equalsCases)
  func comparesDecodedBytes(_ json: String, _ literal: String, _ expected: Bool) {
    #expect(Self.withMember("{\"v\":\(json)}", "v") { $0.equals(literal) } == expected)
  }

  @Test func memberLookupInNestedObjects() {
    let line =
      #"{"error":{"code":"provider_timeout","n":{"deep":[1,{"x":2}]},"e\u0073c":"k","dup":1,"dup":"last","s":"}{]["},"other":1}"#
    Self.withMember(line, "error") { err in
      #expect(err.member("code")?.decodedString() == "provider_timeout")
      #expect(err.member("n")?.member("deep")?.kind == .array)
      #expect(err.member("esc")?.decodedString() == "k")
      #expect(err.member("dup")?.decodedString() == "last")
      #expect(err.member("s")?.decodedString() == "}{][")
      #expect(err.member("missing") == nil)
      #expect(err.member("other") == nil)
      #expect(err.member("code")?.member("x") == nil)
    }
  }

  @Test func forEachMemberVisitsInOrderAndStops() {
    let line = #"{"o":{ "a" : 1 , "b" : [ "x" , { } ] , "c" : "\"" , "d" : null }}"#
    Self.withMember(line, "o") { o in
      var seen: [String] = []
      o.forEachMember { k, v in
        seen.append("\(k.decodedString())=\(v.decodedString()):\(v.kind)")
        return true
      }
      #expect(seen == [#"a=1:number"#, #"b=[ "x" , { } ]:array"#, "c=\":string", "d=null:null"])
      var count = 0
      o.forEachMember { _, _ in
        count += 1
        return count < 2
      }
      #expect(count == 2)
    }
  }

  @Test func forEachElementOfArrays() {
    let line = #"{"a":[ 1, "two", [3], {"four":4}, null ],"e":[]}"#
    Self.withMember(line, "a") { a in
      var kinds: [JSONKind] = []
      a.forEachElement {
        kinds.append($0.kind); return true
      }
      #expect(kinds == [.number, .string, .array, .object, .null])
    }
    Self.withMember(line, "e") { e in
      var count = 0
      e.forEachElement { _ in
        count += 1
        return true
      }
      #expect(count == 0)
    }
  }

  @Test func withDecodedBytesCopiesOnlyWhenNeeded() {
    let line = #"{"a":"plain","b":"esc\t"}"#
    Self.withMember(line, "a") { v in
      v.withDecodedBytes { #expect($0.baseAddress == v.bytes.baseAddress) }
    }
    Self.withMember(line, "b") { v in
      v.withDecodedBytes { #expect(Array($0) == Array("esc\t".utf8)) }
    }
  }
}
