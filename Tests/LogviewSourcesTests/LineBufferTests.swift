import LogviewCore
import Testing

@testable import LogviewSources

/// The one partial-line buffer: bytes arriving in any pieces become the same lines as the
/// whole input split at once (LineSplitter over a mapped file).
@Suite struct LineBufferTests {
  /// Feeds `input` in `chunk`-byte pieces; returns the lines of every block handed on.
  static func feed(_ input: [UInt8], chunk: Int) -> [[UInt8]] {
    let buffer = LineBuffer()
    var lines: [[UInt8]] = []
    var first = true
    func split(_ block: UnsafeRawBufferPointer) {
      LineSplitter.forEachLine(in: block, startsSource: first) { line, _ in
        lines.append(Array(line))
      }
      first = false
    }
    var i = 0
    while i < input.count {
      let end = min(i + chunk, input.count)
      input[i..<end].withUnsafeBytes { buffer.append($0) }
      buffer.takeCompleteLines(split)
      i = end
    }
    buffer.takeRest(split)
    return lines
  }

  static func whole(_ input: [UInt8]) -> [[UInt8]] {
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
    // A BOM after the start is text, however the input was cut (it was dropped when a
    // piece happened to begin with it).
    ("x\n" + bom + "y", ["x", bom + "y"]),
    ("\u{FE}", ["\u{FE}"]),
    ("{\"a\":1}\n{\"b\":2}\n{\"c\":", ["{\"a\":1}", "{\"b\":2}", "{\"c\":"]),
    ("nul\u{0}inside\n", ["nul\u{0}inside"]),
  ]

  @Test(arguments: cases)
  func sameLinesForEveryChunking(_ input: String, _ expected: [String]) {
    let bytes = Array(input.utf8)
    let want = expected.map { Array($0.utf8) }
    #expect(Self.whole(bytes) == want)
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
    #expect(Self.whole(input) == [input])
  }

  @Test func randomInputByteByByteEqualsAllAtOnce() {
    var state: UInt64 = 5
    func next(_ below: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33) % below
    }
    let alphabet: [UInt8] = [0x0A, 0x0D, 0x61, 0x62, 0xEF, 0xBB, 0xBF, 0x00]
    for _ in 0..<200 {
      let input = (0..<next(60)).map { _ in alphabet[next(alphabet.count)] }
      let whole = Self.whole(input)
      #expect(Self.feed(input, chunk: 1) == whole)
      #expect(Self.feed(input, chunk: 1 + next(9)) == whole)
    }
  }

  @Test func fiftyMegabyteLineInChunks() {
    let size = 50 << 20
    var input = [UInt8](repeating: UInt8(ascii: "x"), count: size)
    input[size - 1] = 0x0A
    input[size / 2] = UInt8(ascii: "m")
    let buffer = LineBuffer()
    var lengths: [Int] = []
    var middle: UInt8 = 0
    input.withUnsafeBytes { buf in
      var i = 0
      while i < buf.count {
        let end = min(i + 65_536, buf.count)
        buffer.append(UnsafeRawBufferPointer(rebasing: buf[i..<end]))
        buffer.takeCompleteLines { block in
          LineSplitter.forEachLine(in: block) { line, _ in
            lengths.append(line.count)
            middle = line[size / 2]
          }
        }
        i = end
      }
    }
    buffer.takeRest { lengths.append($0.count) }
    #expect(lengths == [size - 1])
    #expect(middle == UInt8(ascii: "m"))
  }
}
