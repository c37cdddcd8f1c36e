import Testing

@testable import LogviewCore

@Suite struct RecordSplitterTests {
  /// Input text -> the records it holds, as their text, "+" marking a leading continuation.
  static let cases: [(String, [String])] = [
    ("a\nb\n", ["a", "b"]),
    ("a\nb", ["a", "b"]),
    ("{\"x\":1}\n  indented\n{\"y\":2}\n", ["{\"x\":1}\n  indented", "{\"y\":2}"]),
    (
      "ERROR boom\nTraceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad\n",
      [
        "ERROR boom\nTraceback (most recent call last):\n  File \"x.py\", line 1",
        "ValueError: bad",
      ]
    ),
    (
      "x\n\tat com.foo.Bar(Bar.java:1)\n\tat b\nnext\n",
      ["x\n\tat com.foo.Bar(Bar.java:1)\n\tat b", "next"]
    ),
    ("a\n\n\nb\n", ["a\n\n", "b"]),
    ("\nfirst\n", ["", "first"]),
    ("{\n  \"pretty\": 1\n}\nafter\n", ["{\n  \"pretty\": 1\n}", "after"]),
    ("a\r\n  b\r\nc\r\n", ["a\r\n  b", "c"]),
    ("\u{FEFF}{\"a\":1}\n", ["{\"a\":1}"]),
  ]

  @Test(arguments: cases)
  func groupsLines(_ input: String, _ expected: [String]) {
    #expect(Self.records(input, leadingContinues: false) == expected)
  }

  @Test func leadingContinuationIsMarked() {
    #expect(
      Self.records("  more\n\tat x\nnew\n", leadingContinues: true) == ["+  more\n\tat x", "new"])
    #expect(Self.records("  more\nnew\n", leadingContinues: false) == ["  more", "new"])
  }

  @Test func firstLineLengthAndLineIndex() {
    let bytes = Array("one\ntwo\n  cont\nthree".utf8)
    var spans: [RecordSpan] = []
    bytes.withUnsafeBytes { raw in RecordSplitter.forEachRecord(in: raw) { spans.append($0) } }
    #expect(spans.map(\.firstLine) == [0, 1, 3])
    #expect(spans.map(\.firstLineLength) == [3, 3, 5])
  }

  @Test(arguments: [1, 7, 64, 1000])
  func chunksStartAtRecordBoundaries(_ target: Int) {
    var text = ""
    for i in 0..<200 {
      text += "{\"i\":\(i)}\n"
      if i % 7 == 0 { text += "  continuation \(i)\n\tat frame\n" }
    }
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { raw in
      var whole: [String] = []
      RecordSplitter.forEachRecord(in: raw) {
        whole.append(String(decoding: raw[$0.start..<$0.end], as: UTF8.self))
      }
      var pieces: [String] = []
      let ranges = RecordSplitter.chunkBoundaries(in: raw, target: target)
      #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == raw.count)
      for range in ranges {
        let slice = UnsafeRawBufferPointer(rebasing: raw[range])
        RecordSplitter.forEachRecord(in: slice) {
          pieces.append(String(decoding: slice[$0.start..<$0.end], as: UTF8.self))
        }
      }
      #expect(pieces == whole)
    }
  }

  static func records(_ input: String, leadingContinues: Bool) -> [String] {
    let bytes = Array(input.utf8)
    var out: [String] = []
    bytes.withUnsafeBytes { raw in
      RecordSplitter.forEachRecord(in: raw, leadingContinues: leadingContinues) { span in
        let text = String(decoding: raw[span.start..<span.end], as: UTF8.self)
        out.append(span.continuesPrevious ? "+" + text : text)
      }
    }
    return out
  }
}
