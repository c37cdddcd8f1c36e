import Testing

@testable import LogviewUI

struct DisplayWidthTests {
  static let texts: [(String, Int)] = [
    // ASCII, controls (drawn as '?', so 1 column), CR LF (one cluster)
    ("", 0), ("hello", 5), ("a b", 3), ("a\tb", 3), ("\u{1}", 1), ("\u{7F}", 1), ("\r\n", 1),
    ("a\r\nb", 3), ("\r\r", 2), ("\n\r", 2),
    // C1 control, line separator
    ("\u{85}", 1), ("\u{2028}", 1),
    // Latin, Greek, punctuation, box drawing (East Asian ambiguous counts 1)
    ("é", 1), ("café", 4), ("Ωμέγα", 5), ("—…", 2), ("─│┌", 3), ("½", 1),
    // CJK, Hangul, kana, fullwidth and halfwidth forms, ideographic space, plane 2
    ("日本語", 6), ("日本abc", 7), ("中文字符", 8), ("한국어", 6), ("ひらがな", 8), ("カタカナ", 8),
    ("ＡＢＣ", 6), ("１２３", 6), ("ｶﾀｶﾅ", 4), ("\u{3000}", 2), ("𠀀𠀁", 4),
    // Hangul built from conjoining jamo: leading consonant (wide) + vowel + final
    ("\u{1100}\u{1161}\u{11A8}", 2),
    // emoji: presentation default, modifiers, ZWJ families, flags, keycaps, VS16, tags
    ("👍", 2), ("😀", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("👩‍💻", 2), ("🇫🇷", 2), ("🇫🇷🇩🇪", 4),
    ("🇫", 2), ("❤️", 2), ("❤", 1), ("☺️", 2), ("☀", 1), ("☀️", 2), ("1️⃣", 2), ("#️⃣", 2),
    ("⌚", 2), ("🏳️‍🌈", 2), ("👁‍🗨", 2), ("🏴󠁧󠁢󠁥󠁮󠁧󠁿", 2), ("\u{1F321}", 1), ("ok👍", 4),
    // combining marks: decomposed é, stacked marks, Thai vowel and tone marks, enclosing mark
    ("e\u{301}", 1), ("e\u{301}\u{302}\u{303}", 1), ("cafe\u{301}", 4), ("ที่นี่", 2),
    ("ก\u{E34}\u{E49}", 1), ("a\u{20DD}", 1), ("ａ\u{301}", 2),
    // zero-width: joiner, space, BOM, variation selectors, lone marks
    ("\u{200D}", 0), ("\u{200B}", 0), ("a\u{200B}b", 2), ("\u{FEFF}", 0), ("\u{FE0F}", 0),
    ("\u{E0100}", 0), ("漢\u{E0100}", 2), ("\u{301}", 0), ("a\u{200D}", 1), ("\u{2060}", 0),
    ("\u{200E}x", 1),
  ]

  @Test(arguments: texts)
  func widthOfText(_ text: String, _ expected: Int) {
    #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map { $0.value })")
    // The same through a Substring, and cluster by cluster.
    #expect(DisplayWidth.of(text[...]) == expected)
    #expect(text.reduce(0) { $0 + DisplayWidth.of($1) } == expected)
  }

  static let characters: [(Character, Int)] = [
    ("a", 1), ("\t", 1), ("\u{0}", 1), ("\r\n", 1), ("日", 2), ("ｱ", 1), ("Ａ", 2), ("👍", 2),
    ("👨‍👩‍👧", 2), ("🇫🇷", 2), ("e\u{301}", 1), ("\u{200D}", 0), ("❤️", 2), ("\u{200B}", 0),
  ]

  @Test(arguments: characters)
  func widthOfCharacter(_ character: Character, _ expected: Int) {
    #expect(DisplayWidth.of(character) == expected)
  }

  @Test func substringsInTheMiddleOfAString() {
    let text = "ab日本cd👍"
    #expect(DisplayWidth.of(text.dropFirst(2)) == 8)
    #expect(DisplayWidth.of(text.dropFirst(2).dropLast(3)) == 4)
    #expect(DisplayWidth.of(text.prefix(3)) == 4)
  }

  @Test func asciiWidthIsTheByteCount() {
    let line = String(repeating: "{\"level\":\"info\",\"msg\":\"ok\"}\t", count: 200)
    #expect(DisplayWidth.of(line) == line.utf8.count)
  }

  static let prefixes: [(String, Int, String, Int)] = [
    ("hello", 3, "hel", 3), ("hello", 5, "hello", 5), ("hello", 10, "hello", 5),
    ("hello", 0, "", 0), ("hello", -1, "", 0), ("", 4, "", 0),
    ("日本語", 3, "日", 2), ("日本語", 4, "日本", 4), ("日本語", 1, "", 0), ("a日b", 2, "a", 1),
    ("e\u{301}x", 1, "e\u{301}", 1), ("👨‍👩‍👧x", 2, "👨‍👩‍👧", 2), ("👨‍👩‍👧x", 1, "", 0),
    ("a\u{200B}", 1, "a\u{200B}", 1), ("a\r\nb", 2, "a\r\n", 2), ("🇫🇷🇩🇪", 3, "🇫🇷", 2),
  ]

  @Test(arguments: prefixes)
  func prefixFitting(_ text: String, _ columns: Int, _ expected: String, _ width: Int) {
    let result = DisplayWidth.prefix(text, fitting: columns)
    #expect(result.text == expected[...])
    #expect(result.width == width)
    #expect(DisplayWidth.of(result.text) == width)
  }

  @Test func prefixOfExtremeColumnCounts() {
    let all = DisplayWidth.prefix("abc", fitting: Int.max)
    #expect(all.text == "abc" && all.width == 3)
    let none = DisplayWidth.prefix("abc", fitting: Int.min)
    #expect(none.text.isEmpty && none.width == 0)
  }

  @Test func wideTableIsSortedAndDisjoint() {
    let ranges = WideCharacters.ranges
    #expect(ranges.count % 2 == 0)
    var previousLast: UInt32?
    for pair in stride(from: 0, to: ranges.count, by: 2) {
      #expect(ranges[pair] <= ranges[pair + 1])
      if let previousLast { #expect(ranges[pair] > previousLast + 1) }
      previousLast = ranges[pair + 1]
    }
  }

  /// Cluster ends (UTF-8 offsets) as the walker reports them, ASCII runs byte by byte.
  static func walkerEnds(_ text: String) -> [Int] {
    var ends: [Int] = []
    DisplayWidth.forEachCluster(in: text) { cluster, end in
      if case .ascii(let bytes) = cluster {
        ends += (end - bytes.count + 1...end).map { $0 }
      } else {
        ends.append(end)
      }
      return true
    }
    return ends
  }

  static func swiftEnds(_ text: String) -> [Int] {
    var end = 0
    return text.map { character in
      end += character.utf8.count
      return end
    }
  }

  static let tricky: [String] = [
    "a\u{301}b", "ab\u{301}", "\u{301}a", "e\u{301}\u{302}x", "\r\n\r\n", "a\r\nb", "\r\u{301}",
    "\n\u{301}", "\t\u{E9}", "\u{E9}\t", "🇫🇷🇩🇪🇮", "👨‍👩‍👧x", "x👍🏽y", "❤️a", "1️⃣2",
    "\u{1100}\u{1161}\u{11A8}가",
    "가\u{11A8}", "가나", "\u{600}1", "क्षि", "कि", "ที่นี่", "a\u{200D}b", "日\u{E0100}本",
    "ａ\u{301}", "ｶﾞ", "©\u{FE0F}", "→\u{20D7}", "Ω\u{483}", "\u{3099}か\u{3099}",
  ]

  @Test(arguments: tricky)
  func clustersMatchSwift(_ text: String) {
    #expect(Self.walkerEnds(text) == Self.swiftEnds(text))
  }

  /// Strings drawn from a pool of scalars of every grapheme break class.
  @Test func pseudoRandomClustersMatchSwift() {
    let pool: [Unicode.Scalar] = [
      "a", " ", "\r", "\n", "\t", "\u{E9}", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{1F44D}",
      "\u{1F3FD}",
      "\u{1F1EB}", "\u{1F1F7}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}", "\u{AC01}",
      "\u{600}",
      "\u{915}", "\u{94D}", "\u{93F}", "\u{E17}", "\u{E35}", "\u{E33}", "\u{4E00}", "\u{3042}",
      "\u{3099}", "\u{FF76}", "\u{FF9E}", "\u{2764}", "\u{200B}", "\u{85}", "\u{2028}", "\u{E0067}",
    ]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<400 {
      var text = String.UnicodeScalarView()
      for _ in 0..<8 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text.append(pool[Int(seed >> 33) % pool.count])
      }
      let string = String(text)
      #expect(
        Self.walkerEnds(string) == Self.swiftEnds(string), "\(string.unicodeScalars.map(\.value))")
      #expect(DisplayWidth.of(string) == string.reduce(0) { $0 + DisplayWidth.of($1) })
    }
  }

  static let scalars: [(UInt32, Int)] = [
    (0x41, 1), (0x1100, 2), (0x115F, 2), (0x1160, 0), (0x231A, 2), (0x2329, 2), (0x3000, 2),
    (0x303F, 1), (0x4E00, 2), (0x9FFF, 2), (0xAC00, 2), (0xD7A3, 2), (0xFF01, 2), (0xFF61, 1),
    (0x1F1E6, 2), (0x1F300, 2), (0x1F321, 1), (0x1F600, 2), (0x20000, 2), (0x3FFFD, 2),
    (0xE0001, 0), (0x10FFFF, 1), (0x0300, 0), (0x0488, 0), (0x00AD, 1),
  ]

  @Test(arguments: scalars)
  func scalarWidths(_ value: UInt32, _ expected: Int) throws {
    let scalar = try #require(Unicode.Scalar(value))
    #expect(DisplayWidth.scalarWidth(scalar) == expected)
  }

  @Test func everyEmojiPresentationScalarIsWide() {
    let blocks: [ClosedRange<UInt32>] = [0x2000...0x2BFF, 0x1F000...0x1FAFF]
    for block in blocks {
      for value in block {
        guard let scalar = Unicode.Scalar(value), scalar.properties.isEmojiPresentation else {
          continue
        }
        #expect(DisplayWidth.scalarWidth(scalar) == 2, "U+\(String(value, radix: 16))")
      }
    }
  }
}
