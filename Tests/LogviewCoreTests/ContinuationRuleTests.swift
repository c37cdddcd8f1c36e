import Testing

@testable import LogviewCore

struct ContinuationRuleTests {
  /// Lines that continue whatever is around them.
  static let continuations: [String] = [
    "\tat com.foo.Bar.baz(Bar.java:12)",
    "    at Object.<anonymous> (/app/index.js:3:9)",
    "  File \"x.py\", line 3, in <module>",
    "    raise ValueError(\"bad\")",
    " x",
    "Traceback (most recent call last):",
    "Caused by: java.io.IOException: closed",
    "Caused by:",
    "Wrapped by: java.lang.IllegalStateException: cart is empty",
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
    "... 5 more",
    "... 12 common frames omitted",
    "...additional frames elided...",
    "}", "]", "},", "}]", "]}", "]},", "}\r", "} ", "}}}",
    "goroutine 1 [running]:",
    "goroutine 42 [chan receive, 5 minutes]:",
    "goroutine 7 gp=0xc000002380 m=0 mp=0x5b6fe0 [running]:",
    "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f5a6]",
    // Package-qualified exception classes: no log line looks like them.
    "java.lang.RuntimeException: boom",
    "java.lang.IllegalStateException: cart is empty",
    "com.example.sync.SyncAbortedException",
    "com.example.Outer$InnerError:",
    "System.InvalidOperationException: Sequence contains no elements",
    "Exception in thread \"main\" java.lang.NullPointerException",
    "Unhandled exception. System.IO.FileNotFoundException: Could not find file '/etc/a.json'.",
    "--- End of stack trace from previous location ---",
    "--- End of inner exception stack trace ---",
    // An indented JSON object inside a pretty-printed one, or not a whole object.
    "  {\"a\": 1",
    "  {\"a\": 1} and more",
    "  {",
  ]

  @Test(arguments: continuations)
  func recognizesContinuations(_ line: String) {
    let result = Array(line.utf8).withUnsafeBytes { ContinuationRule.isContinuation($0) }
    #expect(result, "\(line)")
  }

  /// Lines that start a record when nothing around them says otherwise.
  static let newRecords: [String] = [
    "", " ", "\t", "   \t ", "\r", "\r\n", "{", "{\"a\":1}", "{ }",
    "ValueError: bad", "TimeoutError: acme-pay timed out", "Error: disk full", "2024-03-15 INFO x",
    "Traceback", "Caused by", "caused by: x", "...", "... more", "... 5 less", "...5 more",
    "... x more", "}x", "} // end", "]x", "goroutine", "goroutine x [running]:",
    "goroutine 1 [running]", "goroutine 1 running:", "plain text", "[", "[1,2]", ",", "During",
    "The above", "ERROR boom", "panic: boom", "fatal error: deadlock", "main.main()",
    "created by main.main in goroutine 1", "exit status 2", "Unhandled exception. oops",
    "[signal] x", "e.g. SomeError: x", "Main.java:12: error: cannot find symbol",
    "server.port: 8080", "Warning: low disk", "Exit: 0", "ERROR: boom", "java.lang: x",
    "com.example.Foo", "--- End of story ---",
    // An indented JSON object is a record of its own.
    "  {\"level\":\"info\",\"msg\":\"x\"}", "\t{\"a\":[1,{\"b\":\"}\"}]}  ",
  ]

  @Test(arguments: newRecords)
  func rejectsRecordStarts(_ line: String) {
    let result = Array(line.utf8).withUnsafeBytes { ContinuationRule.isContinuation($0) }
    #expect(!result, "\(line)")
  }

  /// (line before, line, line after or nil, continues): shapes that are also ordinary log lines
  /// continue only beside a trace line.
  static let inContext: [(String, String, String?, Bool)] = [
    // Python: the final exception line after the frames.
    ("    raise TimeoutError(msg)", "TimeoutError: acme-pay timed out after 2400 ms", nil, true),
    ("    ^^^^^^^^^^^^", "KeyError: 'card'", nil, true),
    ("    x()", "KeyboardInterrupt", nil, true),
    ("    x()", "requests.exceptions.ReadTimeout: HTTPSConnectionPool", nil, true),
    ("    x()", "billing.errors.PaymentDeclined", nil, true),
    ("2024-03-15 INFO x", "TimeoutError: acme-pay timed out", nil, false),
    ("x", "requests.exceptions.ReadTimeout: HTTPSConnectionPool", nil, false),
    ("    x()", "Warning: low disk", nil, false),
    ("    x()", "Note: something", nil, false),
    ("    x()", "server.port: 8080", nil, false),
    ("", "ValueError: bad", nil, false),
    // Node and unqualified Java: the header before its frames.
    (
      "2024-03-15 ERROR x", "Error: connect ECONNREFUSED", "    at TCPConnectWrap (node:net:1:2)",
      true
    ),
    ("x", "TypeError [ERR_INVALID_ARG_TYPE]: bad path", "    at f (/a.js:1:2)", true),
    ("x", "FooException: bad", "\tat a.B.c(B.java:1)", true),
    ("x", "Error: disk full", "2024-03-15 INFO y", false),
    ("x", "Error: disk full", "", false),
    ("x", "Error: disk full", "    not a frame", false),
    ("x", "Error: disk full", "    at", false),
    ("x", "Error: disk full", nil, false),
    ("x", "TypeError [lower]: x", "    at f (/a.js:1:2)", false),
    // Go: the panic line before its body, frames after a goroutine header or a file line.
    ("x", "panic: boom", "", true),
    ("x", "panic: runtime error: invalid memory address", "[signal SIGSEGV: segv]", true),
    ("x", "panic: boom [recovered]", "\tpanic: boom", true),
    ("x", "fatal error: all goroutines are asleep - deadlock!", "", true),
    ("x", "panic: boom", "next", false),
    ("x", "panic: boom", "  {\"a\":1}", false),
    ("x", "panic: boom", "\r\rpanic: x", false),
    ("x", "panic: boom", nil, false),
    ("goroutine 1 [running]:", "main.main()", nil, true),
    ("\t/app/main.go:8 +0x1d", "main.(*Server).handle(0xc000010000, {0x0, 0x0})", nil, true),
    ("\t/app/main.go:8 +0x1d", "panic({0x4a8c40?, 0x5457e0?})", nil, true),
    ("    indented by spaces", "main.main()", nil, false),
    ("x", "main.main()", nil, false),
    ("\t/app/main.go:8 +0x1d", "created by main.main in goroutine 1", nil, true),
    ("\t/app/main.go:8 +0x1d", "exit status 2", nil, true),
    ("\t/app/main.go:8 +0x1d", "exit status two", nil, false),
    // An indented JSON object continues only inside a pretty-printed array.
    ("  \"items\": [", "    {\"a\": 1}", nil, true),
    ("    {\"a\": 1},", "    {\"b\": 2}", nil, true),
    ("{\"a\":1}", "  {\"b\": 2}", nil, false),
  ]

  @Test(arguments: inContext)
  func readsTheLinesAround(_ before: String, _ line: String, _ after: String?, _ expected: Bool) {
    let previous = Array(before.utf8).withUnsafeBytes { ContinuationRule.Preceding.of($0) }
    let result = Array(line.utf8).withUnsafeBytes { line in
      guard let after else { return ContinuationRule.isContinuation(line, after: previous) }
      return Array(after.utf8).withUnsafeBytes {
        ContinuationRule.isContinuation(line, after: previous, before: $0)
      }
    }
    #expect(result == expected, "\(before) / \(line) / \(after ?? "nil")")
  }

  static let shapes: [(String, ContinuationRule.Preceding)] = [
    ("", []), ("  ", []), ("x", []), ("  x", .indented), ("\tat x", [.indented, .tabIndented]),
    ("goroutine 1 [running]:", .goroutineHeader), ("  \"items\": [", [.indented, .inList]),
    ("{\"a\": 1},", .inList), ("\t" + String(repeating: "x", count: 5000), []),
  ]

  @Test(arguments: shapes)
  func shapesTheLineBefore(_ line: String, _ expected: ContinuationRule.Preceding) {
    let shape = Array(line.utf8).withUnsafeBytes { ContinuationRule.Preceding.of($0) }
    #expect(shape == expected, "\(line.prefix(40))")
  }
}
