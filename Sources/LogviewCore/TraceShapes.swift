/// Line shapes of the stack traces runtimes print, for `ContinuationRule` (what continues a
/// record) and `RawLineClassifier` (the level of a trace that starts a record of its own).
/// Every function reads a line without its line end.
enum TraceShapes {
  /// How sure an exception header is of itself.
  enum Header {
    /// A package-qualified class ending in Exception or Error ("java.lang.IllegalStateException:
    /// cart is empty", "System.InvalidOperationException: ...", "com.example.FooException"):
    /// no log line looks like that.
    case qualified
    /// "TimeoutError: ...", "Error: ...", "TypeError [ERR_X]: ...", "requests.exceptions.ReadTimeout:
    /// ...": a trace's only when a frame is next to it ("Error: disk full" is also a log line).
    case plain
  }

  /// An exception header: a class name, dotted or not, alone or followed by ": message" (Node
  /// puts an error code in brackets before the colon).
  static func header(_ text: UnsafeRawBufferPointer) -> Header? {
    var i = 0
    var segments = 0
    var nameStart = 0
    while true {
      guard i < text.count, isIdentifierStart(text[i]) else { return nil }
      nameStart = i
      i += 1
      while i < text.count, isIdentifierByte(text[i]) { i += 1 }
      segments += 1
      guard i + 1 < text.count, text[i] == UInt8(ascii: "."), isIdentifierStart(text[i + 1])
      else { break }
      i += 1
    }
    let name = UnsafeRawBufferPointer(rebasing: text[nameStart..<i])
    guard ASCIIKind.isUpper(name[0]), endsHeader(text, from: i, allowsCode: segments == 1) else {
      return nil
    }
    let errorLike = hasSuffix(name, "Exception") || hasSuffix(name, "Error")
    if segments > 1 { return errorLike ? .qualified : .plain }
    if errorLike || hasSuffix(name, "ExceptionGroup") { return .plain }
    // Python's exceptions not named ...Error (KeyboardInterrupt, SystemExit, StopIteration,
    // UserWarning), never the bare word.
    for suffix: StaticString in ["Interrupt", "Exit", "Iteration", "Warning"]
    where name.count > suffix.utf8CodeUnitCount && hasSuffix(name, suffix) {
      return .plain
    }
    return nil
  }

  /// After the class name: the line's end, ":" at its end, or ": " and a message; before the
  /// colon, a plain name may carry Node's code ("TypeError [ERR_INVALID_ARG_TYPE]: ...").
  private static func endsHeader(_ text: UnsafeRawBufferPointer, from start: Int, allowsCode: Bool)
    -> Bool
  {
    var i = start
    if allowsCode, i + 2 < text.count, text[i] == UInt8(ascii: " "),
      text[i + 1] == UInt8(ascii: "[")
    {
      i += 2
      let codeStart = i
      while i < text.count,
        ASCIIKind.isUpper(text[i]) || ASCIIKind.isDigit(text[i])
          || text[i] == UInt8(ascii: "_")
      {
        i += 1
      }
      guard i > codeStart, i < text.count, text[i] == UInt8(ascii: "]") else { return false }
      i += 1
      guard i < text.count else { return false }
    }
    guard i < text.count else { return true }
    guard text[i] == UInt8(ascii: ":") else { return false }
    return i + 1 == text.count || text[i + 1] == UInt8(ascii: " ")
  }

  /// A frame line as Java ("\tat ..."), Node ("    at fn (file:1:2)") and .NET ("   at ...")
  /// print them: indented "at ".
  static func isFrame(_ line: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    while i < line.count, line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "\t") {
      i += 1
    }
    guard i > 0, i + 3 < line.count else { return false }
    return line[i] == UInt8(ascii: "a") && line[i + 1] == UInt8(ascii: "t")
      && line[i + 2] == UInt8(ascii: " ") && line[i + 3] != UInt8(ascii: " ")
  }

  /// What follows Go's "panic: ..." or "fatal error: ...": the blank line before the goroutine
  /// dump, "[signal SIGSEGV: ...]", or a nested "\tpanic: ..." (all of them continuations
  /// whatever surrounds them, as the rule needs of a line it looks ahead to).
  static func isPanicBody(_ line: UnsafeRawBufferPointer) -> Bool {
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
    var i = 0
    while i < line.count, line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "\t") {
      i += 1
    }
    guard i > 0 else { return isSignalLine(line) }
    return ContinuationRule.hasPrefix(UnsafeRawBufferPointer(rebasing: line[i...]), "panic: ")
  }

  /// Go's "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f5a6]".
  static func isSignalLine(_ text: UnsafeRawBufferPointer) -> Bool {
    ContinuationRule.hasPrefix(text, "[signal SIG")
  }

  /// Go's "goroutine 1 [running]:" (also "goroutine 1 gp=0xc000002380 m=0 [running]:" with
  /// GOTRACEBACK=system).
  static func isGoroutineHeader(_ text: UnsafeRawBufferPointer) -> Bool {
    guard ContinuationRule.hasPrefix(text, "goroutine ") else { return false }
    var i = 10
    let digitsStart = i
    while i < text.count, ASCIIKind.isDigit(text[i]) { i += 1 }
    guard i > digitsStart, i + 3 < text.count, text[i] == UInt8(ascii: " "),
      text[text.count - 2] == UInt8(ascii: "]"), text[text.count - 1] == UInt8(ascii: ":")
    else { return false }
    let rest = UnsafeRawBufferPointer(rebasing: text[(i + 1)...])
    return rest.contains(UInt8(ascii: "["))
  }

  /// A Go frame's function line: "main.main()", "main.(*Server).handle(0xc000010000, {0x0,
  /// 0x0})", "panic({0x4a8c40?, 0x5457e0?})": no space before the first "(", ending in ")".
  static func isGoFunction(_ text: UnsafeRawBufferPointer) -> Bool {
    guard text.count >= 3, isIdentifierStart(text[0]), text[text.count - 1] == UInt8(ascii: ")")
    else { return false }
    for k in 1..<text.count {
      switch text[k] {
      case UInt8(ascii: "("): return k + 1 < text.count
      case UInt8(ascii: " "), UInt8(ascii: "\t"): return false
      default: continue
      }
    }
    return false
  }

  /// "exit status 2", as `go run` ends a crashed program.
  static func isExitStatus(_ text: UnsafeRawBufferPointer) -> Bool {
    guard ContinuationRule.hasPrefix(text, "exit status "), text.count > 12 else { return false }
    for k in 12..<text.count where !ASCIIKind.isDigit(text[k]) { return false }
    return true
  }

  @inline(__always)
  static func isIdentifierStart(_ b: UInt8) -> Bool {
    ASCIIKind.isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
  }

  @inline(__always)
  static func isIdentifierByte(_ b: UInt8) -> Bool {
    isIdentifierStart(b) || ASCIIKind.isDigit(b)
  }

  static func hasSuffix(_ text: UnsafeRawBufferPointer, _ suffix: StaticString) -> Bool {
    let n = suffix.utf8CodeUnitCount
    guard text.count >= n else { return false }
    let s = suffix.utf8Start
    let offset = text.count - n
    for k in 0..<n where text[offset + k] != s[k] { return false }
    return true
  }
}
