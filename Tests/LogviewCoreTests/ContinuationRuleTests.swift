import Testing

@testable import LogviewCore

struct ContinuationRuleTests {
  static let continuations: [String] = [
    "\tat com.foo.Bar.baz(Bar.java:12)",
    "    at Object.<anonymous> (/app/index.js:3:9)",
    "  File \"x.py\", line 3, in <module>",
    "    raise ValueError(\"bad\")",
    " x",
    "Traceback (most recent call last):",
    "Caused by: java.io.IOException: closed",
    "Caused by:",
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
    "... 5 more",
    "... 12 common frames omitted",
    "}", "]", "},", "}]", "]}", "]},", "}\r", "} ", "}}}",
    "goroutine 1 [running]:",
    "goroutine 42 [chan receive, 5 minutes]:",
  ]

  @Test(arguments: continuations)
  func recognizesContinuations(_ line: String) {
    let result = Array(line.utf8).withUnsafeBytes { ContinuationRule.isContinuation($0) }
    #expect(result, "\(line)")
  }

  static let newRecords: [String] = [
    "", " ", "\t", "   \t ", "\r", "\r\n", "{", "{\"a\":1}", "{ }",
    "ValueError: bad", "java.lang.RuntimeException: boom", "2024-03-15 INFO x",
    "Exception in thread \"main\" java.lang.NullPointerException", "Traceback", "Caused by",
    "caused by: x", "...", "... more", "... 5 less", "...5 more", "... x more", "}x", "} // end",
    "]x", "goroutine", "goroutine x [running]:", "goroutine 1 [running]", "plain text", "[",
    "[1,2]", ",", "During", "The above", "ERROR boom",
  ]

  @Test(arguments: newRecords)
  func rejectsRecordStarts(_ line: String) {
    let result = Array(line.utf8).withUnsafeBytes { ContinuationRule.isContinuation($0) }
    #expect(!result, "\(line)")
  }
}
