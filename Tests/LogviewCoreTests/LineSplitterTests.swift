import Testing

@testable import LogviewCore

@Suite struct LineSplitterTests {
  static func feed(_ input: [UInt8], chunk: Int) -> [[UInt8]] {
    var splitter = LineSplitter()
    var lines: [[UInt8]] = []
    var i = 0
    while i < input.count {
      let end = min(i + chunk, input.count)
      input[i..<end].withUnsafeBytes { splitter.feed($0) { lines.append(Array($0)) } }
      i = end
    }
    splitter.finish { lines.append(Array($0)) }
    return lines
  }

  static func mapped(_ input: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    input.withUnsafeBytes { buf in
      LineSplitter.forEachLine(in: buf) { line, start in
        // lineStart must point at the line itself.
        #expect(line.baseAddress == buf.baseAddress.map { $0 + start })
        lines.append(Array(line))
      }
    }
    return lines
  }

  static let bom = "\u{FEFF}"

  /// (input, expected lines)
  static let cases: [(String, [String])] = [
    ("", []),
    ("a", ["a"]),
    ("a\n", ["a"]),
    ("a\nb", ["a", "b"]),
    ("a\nb\n", ["a", "b"]),
    ("\n", [""]),
    ("\n\n", ["", ""]),
    ("a\n\nb\n", ["a", "", "b"]),
    ("a\r\nb\r\n", ["a", "b"]),
    ("a\r\n\r\nb", ["a", "", "b"]),
    ("a\rb\n", ["a\rb"]),
    ("a\r\r\n", ["a\r"]),
    ("\r\n", [""]),
    ("tail\r", ["tail\r"]),
    (bom + "{\"a\":1}\n", ["{\"a\":1}"]),
    (bom, []),
    (bom + "\n", [""]),
    (bom + bom + "x", [bom + "x"]),
    ("x\n" + bom + "y", ["x", bom + "y"]),
    ("\u{FE}", ["\u{FE}"]),
    ("{\"a\":1}\n{\"b\":2}\n{\"c\":", ["{\"a\":1}", "{\"b\":2}", "{\"c\":"]),
    ("nul\u{0}inside\n", ["nul\u{0}inside"]),
  ]

  @Test(arguments: cases)
  func sameLinesForEveryChunking(_ input: String, _ expected: [String]) {
    let bytes = Array(input.utf8)
    let want = expected.map { Array($0.utf8) }
    #expect(Self.mapped(bytes) == want)
    for chunk in [1, 2, 3, 5, 7, 1 << 16] {
      #expect(Self.feed(bytes, chunk: chunk) == want, "chunk \(chunk)")
    }
  }

  static let partialBOMs: [[UInt8]] = [[0xEF], [0xEF, 0xBB], [0xEF, 0x41], [0xEF, 0xBB, 0x41]]

  @Test(arguments: partialBOMs)
  func anIncompleteBOMIsText(_ input: [UInt8]) {
    for chunk in [1, 2, 3] {
      #expect(Self.feed(input, chunk: chunk) == [input])
    }
    #expect(Self.mapped(input) == [input])
  }

  @Test func completeLinesAreZeroCopy() {
    let input = Array("first\nsecond\r\nthird".utf8)
    var splitter = LineSplitter()
    var starts: [Int] = []
    input.withUnsafeBytes { buf in
      splitter.feed(buf) { line in starts.append(line.baseAddress! - buf.baseAddress!) }
    }
    #expect(starts == [0, 6])
    var last: [UInt8] = []
    splitter.finish { last = Array($0) }
    #expect(last == Array("third".utf8))
  }

  @Test func finishResetsForANewStream() {
    var splitter = LineSplitter()
    var lines: [[UInt8]] = []
    for part in ["\u{FEFF}a\nb", "\u{FEFF}c"] {
      Array(part.utf8).withUnsafeBytes { splitter.feed($0) { lines.append(Array($0)) } }
      splitter.finish { lines.append(Array($0)) }
    }
    #expect(lines == [Array("a".utf8), Array("b".utf8), Array("c".utf8)])
  }

  @Test func randomInputByteByByteEqualsAllAtOnce() {
    var rng = JSONFuzzRandom(state: 5)
    let alphabet: [UInt8] = [0x0A, 0x0D, 0x61, 0x62, 0xEF, 0xBB, 0xBF, 0x00]
    for _ in 0..<200 {
      let input = (0..<rng.below(60)).map { _ in alphabet[rng.below(alphabet.count)] }
      let whole = Self.feed(input, chunk: max(1, input.count))
      #expect(Self.feed(input, chunk: 1) == whole)
      #expect(Self.feed(input, chunk: 1 + rng.below(9)) == whole)
      #expect(Self.mapped(input) == whole)
    }
  }

  @Test func fiftyMegabyteLineInChunks() {
    let size = 50 << 20
    var input = [UInt8](repeating: UInt8(ascii: "x"), count: size)
    input[size - 1] = 0x0A
    input[size / 2] = UInt8(ascii: "m")
    var splitter = LineSplitter()
    var lengths: [Int] = []
    var middle: UInt8 = 0
    input.withUnsafeBytes { buf in
      var i = 0
      while i < buf.count {
        let end = min(i + 65_536, buf.count)
        splitter.feed(UnsafeRawBufferPointer(rebasing: buf[i..<end])) { line in
          lengths.append(line.count)
          middle = line[size / 2]
        }
        i = end
      }
    }
    splitter.finish { lengths.append($0.count) }
    #expect(lengths == [size - 1])
    #expect(middle == UInt8(ascii: "m"))
  }
}
