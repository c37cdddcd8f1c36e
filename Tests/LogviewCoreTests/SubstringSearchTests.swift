import Testing

@testable import LogviewCore

@Suite struct SubstringSearchTests {
  /// haystack, needle, case-insensitive, expected
  static let cases: [(String, String, Bool, Bool)] = [
    ("hello world", "world", false, true),
    ("hello world", "World", false, false),
    ("hello World", "world", true, true),
    ("HELLO", "hello", true, true),
    ("", "", false, true),
    ("abc", "", true, true),
    ("", "a", true, false),
    ("ab", "abc", false, false),
    ("ab", "abc", true, false),
    ("aaab", "aab", false, true),
    ("xAaAb", "aab", true, true),
    ("xAaAc", "aab", true, false),
    ("abcX", "cx", true, true),
    ("abc", "c", false, true),
    ("abc", "C", false, false),
    ("Zz", "z", true, true),
    ("a[b", "[b", true, true),
    ("@@@", "`", true, false),
    ("[[[", "{", true, false),
    ("ÉCOLE", "école", true, false),
    ("une école", "école", true, true),
    ("Tt tT TIMEOUt", "timeout", true, true),
    ("timeou", "timeout", true, false),
    ("x\u{0}y", "\u{0}y", false, true),
  ]

  @Test(arguments: cases)
  func finds(_ haystack: String, _ needle: String, _ caseInsensitive: Bool, _ expected: Bool) {
    let search = SubstringSearch(needle, ignoringCase: caseInsensitive)
    let found = Array(haystack.utf8).withUnsafeBytes { search.occurs(in: $0) }
    #expect(found == expected)
  }

  /// Smart case: lowercase text ignores case, any uppercase letter makes the search exact.
  static let smartCases: [(String, Bool)] = [
    ("timeout", true), ("Timeout", false), ("café", true), ("Café", false), ("42", true),
    ("req_7F42", false), ("É", false),
  ]

  @Test(arguments: smartCases)
  func smartCase(_ text: String, _ caseInsensitive: Bool) {
    #expect(SubstringSearch(smartCase: text).ignoresCase == caseInsensitive)
  }

  static let asciiCases: [([UInt8], Bool)] = [
    ([], true), (Array("abc".utf8), true), (Array("abcdefgh".utf8), true),
    (Array("abcdefghé".utf8), false), (Array("éabcdefgh".utf8), false), ([0x7F, 0x00], true),
    ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x80], false),
  ]

  @Test(arguments: asciiCases)
  func ascii(_ bytes: [UInt8], _ expected: Bool) {
    #expect(bytes.withUnsafeBytes { ByteScan.isASCII($0) } == expected)
  }

  /// Every occurrence, not overlapping, as byte ranges (what the highlight marks), from a
  /// starting offset too (what `n` continues from).
  static let rangeCases: [(String, String, [Range<Int>])] = [
    ("timeout Timeout TIMEOUT", "timeout", [0..<7, 8..<15, 16..<23]),
    ("timeout Timeout TIMEOUT", "Timeout", [8..<15]),
    ("aaaa", "aa", [0..<2, 2..<4]),
    ("école Éa école", "école", [0..<6, 11..<17]),
    ("no hit here", "timeout", []),
    ("", "x", []),
    ("x", "", []),
  ]

  @Test(arguments: rangeCases)
  func ranges(_ haystack: String, _ needle: String, _ expected: [Range<Int>]) {
    let search = SubstringSearch(smartCase: needle)
    #expect(Array(haystack.utf8).withUnsafeBytes { search.ranges(in: $0) } == expected)
  }

  @Test func firstRangeStartsAtTheOffset() {
    let search = SubstringSearch(smartCase: "ab")
    Array("ab xAB ab".utf8).withUnsafeBytes { bytes in
      #expect(search.firstRange(in: bytes) == 0..<2)
      #expect(search.firstRange(in: bytes, from: 1) == 4..<6)
      #expect(search.firstRange(in: bytes, from: 5) == 7..<9)
      #expect(search.firstRange(in: bytes, from: 8) == nil)
      #expect(search.firstRange(in: bytes, from: 99) == nil)
    }
  }
}

/// Values shown unquoted by the presenter: printable ASCII but space, '"' and '=' (checked
/// eight bytes at a time, so every position of a long value is tried).
@Suite struct BareValueTests {
  @Test func everyByteAtEveryPosition() {
    for length in [1, 7, 8, 9, 16, 23] {
      for position in 0..<length {
        for byte in 0...255 {
          var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
          bytes[position] = UInt8(byte)
          let expected = byte > 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x3D
          let bare = bytes.withUnsafeBytes { RecordPresenter.isBare($0) }
          #expect(bare == expected, "byte \(byte) at \(position) of \(length)")
        }
      }
    }
    #expect(![UInt8]().withUnsafeBytes { RecordPresenter.isBare($0) })
  }
}
