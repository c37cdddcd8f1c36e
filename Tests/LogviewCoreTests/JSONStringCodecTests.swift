import Testing

@testable import LogviewCore

@Suite struct JSONStringCodecTests {
  static func quoted(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x3E]  // appends, never overwrites
    bytes.withUnsafeBytes { JSONStringCodec.appendQuoted($0, to: &out) }
    #expect(out.first == 0x3E)
    return Array(out.dropFirst())
  }

  /// (input bytes, expected output as text)
  static let quoteCases: [([UInt8], String)] = [
    ([], #""""#),
    (Array("hello".utf8), #""hello""#),
    (Array("a\"b\\c/d".utf8), #""a\"b\\c/d""#),
    (Array("\n\t\r\u{8}\u{c}".utf8), #""\n\t\r\b\f""#),
    ([0x00, 0x01, 0x1B, 0x1F, 0x7F], #""\u0000\u0001\u001b\u001f\u007f""#),
    // DEL among printable ASCII, in the eight-byte path and the byte path (fuzz finding).
    (Array("ab\u{7F}cdefghij\u{7F}".utf8), #""ab\u007fcdefghij\u007f""#),
    (Array("héllo € 😀".utf8), "\"héllo € 😀\""),
    ([0x61, 0xFF, 0x62], "\"a\u{FFFD}b\""),
    ([0xC0, 0xAF], "\"\u{FFFD}\u{FFFD}\""),
    ([0xED, 0xA0, 0x80], "\"\u{FFFD}\u{FFFD}\u{FFFD}\""),
    ([0xF0, 0x9F, 0x98], "\"\u{FFFD}\""),
    ([0xF0, 0x9F, 0x98, 0x22], "\"\u{FFFD}\\\"\""),
    ([0xF4, 0x90, 0x80, 0x80], "\"\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\""),
    (Array("0123456789abcdef\"0123456789\n".utf8), #""0123456789abcdef\"0123456789\n""#),
  ]

  @Test(arguments: quoteCases)
  func quotesAndEscapes(_ input: [UInt8], _ expected: String) {
    #expect(Self.quoted(input) == Array(expected.utf8))
  }

  @Test func quotesSwiftStrings() {
    var out: [UInt8] = []
    JSONStringCodec.appendQuoted("say \"hi\"\n😀", to: &out)
    #expect(out == Array(#""say \"hi\"\n😀""#.utf8))
  }

  @Test func quotedRandomBytesRoundTripThroughTheScanner() {
    var rng = JSONFuzzRandom(state: 99)
    var scanner = JSONObjectScanner()
    for round in 0..<500 {
      let n = rng.below(64)
      // Mix in ASCII specials often so escapes are exercised, not just garbage.
      let specials: [UInt8] = [0x22, 0x5C, 0x0A, 0x00, 0x1F, 0xE2, 0x82, 0xAC, 0xF0]
      let input = (0..<n).map { _ in
        rng.below(3) == 0
          ? specials[rng.below(specials.count)] : UInt8(truncatingIfNeeded: rng.next())
      }
      let line = Array(#"{"k":"#.utf8) + Self.quoted(input) + Array("}".utf8)
      var repaired: [UInt8] = []
      input.withUnsafeBytes { JSONStringCodec.appendReplacingInvalidUTF8($0, to: &repaired) }
      let decoded = line.withUnsafeBytes { buf -> [UInt8]? in
        guard scanner.scan(buf), let m = scanner.members.first else { return nil }
        var out: [UInt8] = []
        m.value(in: buf).appendDecoded(to: &out)
        return out
      }
      #expect(decoded == repaired, "round \(round): \(input)")
      #expect(Self.quoted(input).withUnsafeBytes { JSONStringCodec.isValidUTF8($0) })
    }
  }

  static let validityCases: [([UInt8], Bool)] = [
    ([], true), (Array("ascii only, long enough for words".utf8), true),
    (Array("é€😀".utf8), true), ([0x7F], true), ([0x80], false), ([0xC2, 0x80], true),
    ([0xC1, 0xBF], false), ([0xE0, 0x9F, 0x80], false), ([0xE0, 0xA0, 0x80], true),
    ([0xED, 0x9F, 0xBF], true), ([0xED, 0xA0, 0x80], false), ([0xEF, 0xBF, 0xBF], true),
    ([0xF0, 0x8F, 0xBF, 0xBF], false), ([0xF0, 0x90, 0x80, 0x80], true),
    ([0xF4, 0x8F, 0xBF, 0xBF], true), ([0xF4, 0x90, 0x80, 0x80], false), ([0xF5], false),
    ([0xFF], false), (Array("12345678".utf8) + [0xE2, 0x82], false),
  ]

  @Test(arguments: validityCases)
  func validatesUTF8(_ bytes: [UInt8], _ valid: Bool) {
    #expect(bytes.withUnsafeBytes { JSONStringCodec.isValidUTF8($0) } == valid)
  }

  /// Swift's own decoder is the oracle: same validity, same replacement policy.
  @Test func repairMatchesSwiftDecodingOnRandomBytes() {
    var rng = JSONFuzzRandom(state: 2024)
    for _ in 0..<2000 {
      let n = rng.below(40)
      let input = (0..<n).map { _ -> UInt8 in
        let r = rng.next()
        // Bias toward lead and continuation bytes so sequences are often almost valid.
        switch r % 4 {
        case 0: return UInt8(truncatingIfNeeded: r >> 8) & 0x7F
        case 1: return 0x80 | UInt8(truncatingIfNeeded: r >> 8) & 0x3F
        default: return UInt8(truncatingIfNeeded: r >> 8)
        }
      }
      let oracle = Array(String(decoding: input, as: UTF8.self).utf8)
      var repaired: [UInt8] = []
      input.withUnsafeBytes { JSONStringCodec.appendReplacingInvalidUTF8($0, to: &repaired) }
      let valid = input.withUnsafeBytes { JSONStringCodec.isValidUTF8($0) }
      if repaired != oracle || valid != (oracle == input) {
        Issue.record("\(input): \(repaired) vs \(oracle)")
      }
    }
  }
}
