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
      ["ERROR boom\nTraceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad"]
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

  /// Stack traces stay with the record before them, every line of them; what only looks like
  /// one stays a record of its own.
  static let traceCases: [(String, [String])] = [
    // CRI: a partial line and the one that finishes it; a trace written line by line.
    (
      "2024-03-15T10:00:00.1Z stdout P {\"a\":\n2024-03-15T10:00:00.2Z stdout F 1}\n"
        + "2024-03-15T10:00:00.3Z stdout F next\n",
      [
        "2024-03-15T10:00:00.1Z stdout P {\"a\":\n2024-03-15T10:00:00.2Z stdout F 1}",
        "2024-03-15T10:00:00.3Z stdout F next",
      ]
    ),
    (
      "2024-03-15T10:00:00Z stderr F ERROR x\n2024-03-15T10:00:00Z stderr F java.lang.IllegalStateException: m\n"
        + "2024-03-15T10:00:00Z stderr F \tat a.B(B.java:1)\n2024-03-15T10:00:01Z stdout F {}\n",
      [
        "2024-03-15T10:00:00Z stderr F ERROR x\n2024-03-15T10:00:00Z stderr F java.lang.IllegalStateException: m\n"
          + "2024-03-15T10:00:00Z stderr F \tat a.B(B.java:1)",
        "2024-03-15T10:00:01Z stdout F {}",
      ]
    ),
    (
      "2024 ERROR x\nTraceback (most recent call last):\n  File \"a.py\", line 1, in f\n    g()\n"
        + "TimeoutError: acme\nnext\n",
      [
        "2024 ERROR x\nTraceback (most recent call last):\n  File \"a.py\", line 1, in f\n    g()\n"
          + "TimeoutError: acme",
        "next",
      ]
    ),
    (
      "{\"a\":1}\nTraceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'k'\n\n"
        + "During handling of the above exception, another exception occurred:\n\n"
        + "Traceback (most recent call last):\n  File \"a.py\", line 3\nRuntimeError: no card\n{\"b\":2}\n",
      [
        "{\"a\":1}\nTraceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'k'\n\n"
          + "During handling of the above exception, another exception occurred:\n\n"
          + "Traceback (most recent call last):\n  File \"a.py\", line 3\nRuntimeError: no card",
        "{\"b\":2}",
      ]
    ),
    (
      "{\"a\":1}\njava.lang.IllegalStateException: cart is empty\n\tat a.B.c(B.java:1)\n\t... 3 more\n"
        + "Caused by: x.YError: z\n\tat q\n\t... 5 common frames omitted\n{\"b\":2}\n",
      [
        "{\"a\":1}\njava.lang.IllegalStateException: cart is empty\n\tat a.B.c(B.java:1)\n\t... 3 more\n"
          + "Caused by: x.YError: z\n\tat q\n\t... 5 common frames omitted",
        "{\"b\":2}",
      ]
    ),
    (
      "x\nException in thread \"main\" java.lang.X: m\n\tat a\ncom.example.FooException\n\tat b\nnext\n",
      [
        "x\nException in thread \"main\" java.lang.X: m\n\tat a\ncom.example.FooException\n\tat b",
        "next",
      ]
    ),
    (
      "{\"a\":1}\npanic: boom\n\ngoroutine 1 [running]:\nmain.f(...)\n\t/app/main.go:12\nmain.main()\n"
        + "\t/app/main.go:8 +0x1d\nexit status 2\nnext\n",
      [
        "{\"a\":1}\npanic: boom\n\ngoroutine 1 [running]:\nmain.f(...)\n\t/app/main.go:12\nmain.main()\n"
          + "\t/app/main.go:8 +0x1d\nexit status 2",
        "next",
      ]
    ),
    (
      "x\npanic: nil map\n[signal SIGSEGV: segmentation violation]\n\ngoroutine 7 [running]:\n"
        + "main.(*W).Run(0x0)\n\t/app/w.go:23 +0x26\ncreated by main.main in goroutine 1\n"
        + "\t/app/main.go:15 +0x5f\nnext\n",
      [
        "x\npanic: nil map\n[signal SIGSEGV: segmentation violation]\n\ngoroutine 7 [running]:\n"
          + "main.(*W).Run(0x0)\n\t/app/w.go:23 +0x26\ncreated by main.main in goroutine 1\n"
          + "\t/app/main.go:15 +0x5f",
        "next",
      ]
    ),
    (
      "x\nTypeError: bad\n    at f (/a.js:1:2)\n    at async g (/a.js:3:4) {\n  code: 'E'\n}\nnext\n",
      [
        "x\nTypeError: bad\n    at f (/a.js:1:2)\n    at async g (/a.js:3:4) {\n  code: 'E'\n}",
        "next",
      ]
    ),
    (
      "x\nSystem.Exception: outer ---> System.IO.IOException: inner\n   at A.B() in F.cs:line 12\n"
        + "   --- End of inner exception stack trace ---\n--- End of stack trace from previous location ---\n"
        + "   at C.D()\nnext\n",
      [
        "x\nSystem.Exception: outer ---> System.IO.IOException: inner\n   at A.B() in F.cs:line 12\n"
          + "   --- End of inner exception stack trace ---\n"
          + "--- End of stack trace from previous location ---\n   at C.D()",
        "next",
      ]
    ),
    ("a\nError: disk full\nb\n", ["a", "Error: disk full", "b"]),
    (
      "a\nError: disk full\n\n    at f (/a.js:1:2)\n",
      ["a", "Error: disk full\n\n    at f (/a.js:1:2)"]
    ),
    ("a\npanic: not a crash\nb\n", ["a", "panic: not a crash", "b"]),
    ("a\npanic: x\n\r\rpanic: y\nb\n", ["a", "panic: x", "\r\rpanic: y", "b"]),
    ("a\nmain.main()\nexit status 2\n", ["a", "main.main()", "exit status 2"]),
    (
      "{\"a\":1}\n  {\"level\":\"info\",\"msg\":\"x\"}\n",
      ["{\"a\":1}", "  {\"level\":\"info\",\"msg\":\"x\"}"]
    ),
    (
      "{\n  \"items\": [\n    {\"a\": 1},\n    {\"b\": 2}\n  ]\n}\nnext\n",
      ["{\n  \"items\": [\n    {\"a\": 1},\n    {\"b\": 2}\n  ]\n}", "next"]
    ),
    ("x\r\n    raise E()\r\nValueError: v\r\ny\r\n", ["x\r\n    raise E()\r\nValueError: v", "y"]),
    ("x\r\nError: e\r\n    at f (a.js:1:2)\r\n", ["x\r\nError: e\r\n    at f (a.js:1:2)"]),
    ("\u{FEFF}  frame\nValueError: v\n", ["  frame\nValueError: v"]),
    (
      "x\n\t" + String(repeating: "y", count: 5000) + "\nValueError: v\n",
      ["x\n\t" + String(repeating: "y", count: 5000), "ValueError: v"]
    ),
  ]

  @Test(arguments: traceCases)
  func keepsTracesWithTheirRecord(_ input: String, _ expected: [String]) {
    #expect(Self.records(input, leadingContinues: false) == expected)
  }

  /// The forward pass, pieces cut at `chunkBoundaries`, `nextRecordStart` and `recordStart`
  /// give the same records (each piece on its own knows neither the line before it nor the
  /// one after it).
  @Test(arguments: (cases + traceCases).map(\.0))
  func everyEntryPointAgrees(_ input: String) {
    Array(input.utf8).withUnsafeBytes { raw in
      let whole = Self.spans(raw)
      let starts = whole.map(\.start)
      for target in 1...max(1, raw.count) {
        var pieced: [Int] = []
        for range in RecordSplitter.chunkBoundaries(in: raw, target: target) {
          let slice = UnsafeRawBufferPointer(rebasing: raw[range])
          pieced += Self.spans(slice, startsSource: range.lowerBound == 0).map {
            $0.start + range.lowerBound
          }
        }
        #expect(pieced == starts, "target \(target)")
      }
      let bom = raw.starts(with: [0xEF, 0xBB, 0xBF])
      for (i, span) in whole.enumerated() {
        let first = i == 0 && bom ? 0 : span.start
        let next = i + 1 < whole.count ? whole[i + 1].start : raw.count
        for offset in first..<next {
          #expect(RecordSplitter.recordStart(of: offset, in: raw, notBefore: 0) == first)
          #expect(RecordSplitter.nextRecordStart(after: offset, in: raw) == next)
        }
      }
    }
  }

  /// A stream's pieces, cut after any line: every line is in exactly one record, and a piece
  /// that starts with a trace line continues the record before it (the line before is handed
  /// on); only a header whose frame comes in the next piece can start a record of its own.
  @Test(arguments: traceCases.map(\.0))
  func streamPiecesKeepEveryLine(_ input: String) {
    let bytes = Array(input.utf8)
    let whole = bytes.withUnsafeBytes { Self.spans($0).map { $0.start..<$0.end } }
    for cut in bytes.indices where bytes[cut] == 0x0A && cut + 1 < bytes.count {
      // Records as ranges of the whole input; a leading continuation extends the last one.
      var records: [Range<Int>] = []
      let first = Array(bytes[...cut])
      let second = Array(bytes[(cut + 1)...])
      first.withUnsafeBytes { raw in
        RecordSplitter.forEachRecord(in: raw) { records.append($0.start..<$0.end) }
      }
      let previous = first.withUnsafeBytes {
        RecordSplitter.precedingShape(atEndOf: $0, startsSource: true)
      }
      second.withUnsafeBytes { raw in
        RecordSplitter.forEachRecord(
          in: raw, leadingContinues: true, after: previous, startsSource: false
        ) { span in
          let range = (span.start + cut + 1)..<(span.end + cut + 1)
          if span.continuesPrevious, let last = records.popLast() {
            records.append(last.lowerBound..<range.upperBound)
          } else {
            records.append(range)
          }
        }
      }
      // Every line in exactly one record: only line ends between records.
      #expect(records.first?.lowerBound == whole.first?.lowerBound, "cut \(cut)")
      #expect(records.last?.upperBound == whole.last?.upperBound, "cut \(cut)")
      for (a, b) in zip(records, records.dropFirst()) {
        #expect(
          bytes[a.upperBound..<b.lowerBound].elementsEqual([0x0A])
            || bytes[a.upperBound..<b.lowerBound].elementsEqual([0x0D, 0x0A]), "cut \(cut)")
      }
      if !Self.endsBeforeItsTrace(first) { #expect(records == whole, "cut \(cut)") }
    }
  }

  /// The buffer's last line is a header whose record depends on the line after it.
  static func endsBeforeItsTrace(_ bytes: [UInt8]) -> Bool {
    let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false).map {
      Array($0.last == 0x0D ? $0.dropLast() : $0)
    }
    let previous =
      lines.count > 1
      ? lines[lines.count - 2].withUnsafeBytes { ContinuationRule.Preceding.of($0) } : []
    let verdict = lines.last!.withUnsafeBytes { ContinuationRule.verdict($0, after: previous) }
    return verdict == .continuesBeforeFrame || verdict == .continuesBeforePanicBody
  }

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

  static func spans(_ raw: UnsafeRawBufferPointer, startsSource: Bool = true) -> [RecordSpan] {
    var spans: [RecordSpan] = []
    RecordSplitter.forEachRecord(in: raw, startsSource: startsSource) { spans.append($0) }
    return spans
  }

  static func text(_ raw: UnsafeRawBufferPointer, _ span: RecordSpan) -> String {
    String(decoding: raw[span.start..<span.end], as: UTF8.self)
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
