import Testing

@testable import LogviewCore

@Suite struct JSONObjectScannerTests {
  static func scan(_ bytes: [UInt8]) -> (Bool, [JSONMemberSpan]) {
    var scanner = JSONObjectScanner()
    let ok = bytes.withUnsafeBytes { scanner.scan($0) }
    return (ok, Array(scanner.members))
  }

  static func scan(_ s: String) -> (Bool, [JSONMemberSpan]) { scan(Array(s.utf8)) }

  static let valid: [String] = [
    "{}",
    " {} ",
    "\t{ }\r\n",
    #"{"a":1}"#,
    #"{"a":"b"}"#,
    #"{ "a" : "b" , "c" : 2 }"#,
    #"{"":""}"#,
    #"{"a":true,"b":false,"c":null}"#,
    #"{"a":[]}"#,
    #"{"a":[1,"x",null,true,{},[]]}"#,
    #"{"a":{"b":{"c":{}}}}"#,
    #"{"n":0,"m":-0,"f":1.5,"e":1e10,"E":1E+2,"x":-2.5e-3,"z":0.0}"#,
    #"{"n":NaN,"i":Infinity,"j":-Infinity}"#,
    #"{"a":[NaN,-Infinity]}"#,
    #"{"s":"\"\\\/\b\f\n\r\t"}"#,
    #"{"u":"\u00e9\u00E9\ud83d\ude00"}"#,
    #"{"lone":"\ud800"}"#,
    #"{"k\"ey":1}"#,
    #"{"s":"{not [an object}"}"#,
    #"{"emoji":"😀 héllo ✓"}"#,
    "{\"tab\":\"a\tb\"}",
    "{\"raw ctl\":\"\u{01}\u{1f}\"}",
    "{\n\"multi\":\n[1,\n2]\n}",
    #"{"a":1,"a":2}"#,
    "{\"a\":1}\u{0B}\u{0C}",
  ]

  static let invalid: [String] = [
    "", " ", "{", "}", "[]", "[1,2]", "1", "\"str\"", "null", "true",
    "plain text line", "2024-03-15 ERROR something",
    "{]", "[}", "{{}}", #"{"a"}"#, #"{"a":}"#, #"{"a" 1}"#, #"{a:1}"#, #"{'a':1}"#,
    #"{"a":1,}"#, #"{,"a":1}"#, #"{"a":1 "b":2}"#, #"{"a":1}}"#, #"{"a":1}{}"#,
    #"{"a":1} x"#, #"x {"a":1}"#, #"{"a":[1,]}"#, #"{"a":[,1]}"#, #"{"a":[1 2]}"#,
    #"{"a":{"b"}}"#, #"{"a":{"b":1,}}"#, #"{"a":[}"#, #"{"a":{]}"#, #"{"a":[1}"#,
    #"{"a":01}"#, #"{"a":-}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":1e+}"#,
    #"{"a":+1}"#, #"{"a":0x10}"#, #"{"a":1.5.5}"#, #"{"a":--1}"#,
    #"{"a":nan}"#, #"{"a":-NaN}"#, #"{"a":Inf}"#, #"{"a":infinity}"#, #"{"a":NaNx}"#,
    #"{"a":tru}"#, #"{"a":True}"#, #"{"a":nul}"#, #"{"a":falsey}"#, #"{"a":nullnull}"#,
    #"{"a":"x}"#, #"{"a":"x\"}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\u12g4"}"#,
    #"{"a":"\"#, #"{"a\":1}"#, #"{"a":1"#, #"{"a":"b""#, "{\"a\":1}\u{0}",
  ]

  @Test(arguments: valid)
  func acceptsValidObjects(_ line: String) {
    #expect(Self.scan(line).0)
  }

  @Test(arguments: invalid)
  func rejectsEverythingElse(_ line: String) {
    let (ok, members) = Self.scan(line)
    #expect(!ok)
    #expect(members.isEmpty)
  }

  struct MemberCase: Sendable, CustomTestStringConvertible {
    var line: String
    /// key, kind, value text as the span covers it, key escapes, value escapes
    var expected: [(String, JSONKind, String, Bool, Bool)]
    var testDescription: String { line }
  }

  static let memberCases: [MemberCase] = [
    MemberCase(line: "{}", expected: []),
    MemberCase(
      line: #"{"level":"info","n":-1.5e3,"ok":true,"no":false,"z":null}"#,
      expected: [
        ("level", .string, "info", false, false), ("n", .number, "-1.5e3", false, false),
        ("ok", .bool, "true", false, false), ("no", .bool, "false", false, false),
        ("z", .null, "null", false, false),
      ]),
    MemberCase(
      line: #"  { "obj" : { "a" : [1, {"b": "}"}] } , "arr":[ ] }  "#,
      expected: [
        ("obj", .object, #"{ "a" : [1, {"b": "}"}] }"#, false, false),
        ("arr", .array, "[ ]", false, false),
      ]),
    MemberCase(
      line: #"{"k\"q":"v\nw","plain":"\u0041"}"#,
      expected: [
        ("k\\\"q", .string, "v\\nw", true, true), ("plain", .string, "\\u0041", false, true),
      ]),
    MemberCase(
      line: #"{"a":1,"a":"two"}"#,
      expected: [("a", .number, "1", false, false), ("a", .string, "two", false, false)]),
    MemberCase(
      line: #"{"x":NaN,"y":-Infinity}"#,
      expected: [("x", .number, "NaN", false, false), ("y", .number, "-Infinity", false, false)]),
    MemberCase(line: #"{"":""}"#, expected: [("", .string, "", false, false)]),
  ]

  @Test(arguments: memberCases)
  func recordsTopLevelMembers(_ c: MemberCase) {
    let bytes = Array(c.line.utf8)
    let (ok, members) = Self.scan(bytes)
    #expect(ok)
    #expect(members.count == c.expected.count)
    for (m, e) in zip(members, c.expected) {
      let key = String(decoding: bytes[Int(m.keyStart)..<Int(m.keyEnd)], as: UTF8.self)
      let value = String(decoding: bytes[Int(m.valueStart)..<Int(m.valueEnd)], as: UTF8.self)
      #expect(key == e.0)
      #expect(m.kind == e.1)
      #expect(value == e.2)
      #expect(m.keyHasEscapes == e.3)
      #expect(m.valueHasEscapes == e.4)
    }
  }

  @Test func offsetsAreRelativeToTheBufferAndObjectRangeIsTrimmed() {
    let bytes = Array("  \t{\"a\":\"b\"} \r\n".utf8)
    var scanner = JSONObjectScanner()
    #expect(bytes.withUnsafeBytes { scanner.scan($0) })
    #expect(scanner.objectRange == 3..<12)
    let m = scanner.members[0]
    #expect((m.keyStart, m.keyEnd, m.valueStart, m.valueEnd) == (5, 6, 9, 10))
    bytes.withUnsafeBytes { buf in
      #expect(m.key(in: buf).equals("a"))
      #expect(m.value(in: buf).equals("b"))
    }
  }

  @Test func spanHelpersStayInBoundsWithTheWrongBuffer() {
    let span = JSONMemberSpan(
      keyStart: 5, keyEnd: 500, valueStart: -3, valueEnd: 2, kind: .string,
      keyHasEscapes: false, valueHasEscapes: false)
    [UInt8](repeating: 0x61, count: 10).withUnsafeBytes { buf in
      #expect(span.key(in: buf).bytes.isEmpty)
      #expect(span.value(in: buf).bytes.isEmpty)
    }
  }

  @Test func reusedScannerClearsMembersOnRejection() {
    var scanner = JSONObjectScanner()
    #expect(Array(#"{"a":1,"b":2}"#.utf8).withUnsafeBytes { scanner.scan($0) })
    #expect(scanner.members.count == 2)
    // Fails after the first member was recorded: nothing must remain.
    #expect(!Array(#"{"a":1,"b":}"#.utf8).withUnsafeBytes { scanner.scan($0) })
    #expect(scanner.members.isEmpty)
    #expect(scanner.objectRange == 0..<0)
    #expect(Array(#"{"c":3}"#.utf8).withUnsafeBytes { scanner.scan($0) })
    #expect(scanner.members.count == 1)
  }

  @Test(arguments: [UInt8(ascii: "["), UInt8(ascii: "{")])
  func deepNestingDoesNotRecurse(open: UInt8) {
    let depth = 100_000
    let opener: [UInt8] = open == UInt8(ascii: "[") ? [open] : Array(#"{"k":"#.utf8)
    let closer: UInt8 = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
    var body: [UInt8] = []
    body.reserveCapacity(depth * 6)
    for _ in 0..<depth { body.append(contentsOf: opener) }
    body.append(contentsOf: Array("1".utf8))
    body.append(contentsOf: [UInt8](repeating: closer, count: depth))
    let balanced = Array(#"{"deep":"#.utf8) + body + Array("}".utf8)
    let (ok, members) = Self.scan(balanced)
    #expect(ok)
    #expect(members.count == 1)
    #expect(members.first?.kind == (open == UInt8(ascii: "[") ? .array : .object))
    // One closer short: must be rejected, not crash.
    var unbalanced = balanced
    unbalanced.remove(at: unbalanced.count - 2)
    #expect(!Self.scan(unbalanced).0)
    // Only openers.
    let openers = Array(#"{"a":"#.utf8) + [UInt8](repeating: open, count: depth) + Array("}".utf8)
    #expect(!Self.scan(openers).0)
  }

  static let invalidUTF8Strings: [[UInt8]] = [
    [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    [0x80, 0x80, 0x80], [0xFE, 0xFF, 0xEF, 0xBB, 0xBF],
  ]

  @Test(arguments: invalidUTF8Strings)
  func invalidUTF8InsideStringsIsStillJSON(_ garbage: [UInt8]) {
    let value = Array(#"{"msg":""#.utf8) + garbage + Array(#"","k":1}"#.utf8)
    let key = Array(#"{""#.utf8) + garbage + Array(#"":1}"#.utf8)
    #expect(Self.scan(value).0)
    #expect(Self.scan(key).0)
    // Outside a string the same bytes are not JSON.
    #expect(!Self.scan(Array(#"{"a":"#.utf8) + garbage + Array("}".utf8)).0)
  }

  @Test func hugeStringValueWithManyEscapes() {
    var line = Array(#"{"m":""#.utf8)
    for _ in 0..<10_000 { line.append(contentsOf: Array(#"abc\"\\\u00e9 "#.utf8)) }
    line.append(contentsOf: Array(#""}"#.utf8))
    let (ok, members) = Self.scan(line)
    #expect(ok)
    #expect(members.first?.valueHasEscapes == true)
    #expect(Int(members.first?.valueEnd ?? 0) == line.count - 2)
  }
}
