/// Whether a non-JSON line continues the record before it (traceback, stack frame,
/// pretty-printed JSON body) rather than starting a new one. Deliberately conservative: a
/// wrong "true" glues an unrelated line onto a record, so only unmistakable shapes count.
public enum ContinuationRule {
  public static func isContinuation(_ line: UnsafeRawBufferPointer) -> Bool {
    var end = line.count
    while end > 0, line[end - 1] == 0x0D || line[end - 1] == 0x0A { end -= 1 }
    guard end > 0 else { return false }
    let first = line[0]
    if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
      // Indented: a stack frame or wrapped text, unless the line is blank.
      for k in 1..<end where !ASCIIKind.isSpace(line[k]) { return true }
      return false
    }
    let text = UnsafeRawBufferPointer(rebasing: line[0..<end])
    switch first {
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      return isClosingPunctuation(text)
    case UInt8(ascii: "T"):
      return hasPrefix(text, "Traceback (most recent call last):")
        || hasPrefix(text, "The above exception was the direct cause of the following exception")
    case UInt8(ascii: "C"):
      return hasPrefix(text, "Caused by: ") || equals(text, "Caused by:")
    case UInt8(ascii: "D"):
      return hasPrefix(text, "During handling of the above exception")
    case UInt8(ascii: "."):
      return isOmittedFrames(text)
    case UInt8(ascii: "g"):
      return isGoroutineHeader(text)
    default:
      return false
    }
  }

  /// "}", "]", "},", "}]", "]}," ... optionally followed by spaces.
  static func isClosingPunctuation(_ text: UnsafeRawBufferPointer) -> Bool {
    for b in text {
      switch b {
      case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: " "),
        UInt8(ascii: "\t"):
        continue
      default:
        return false
      }
    }
    return true
  }

  /// Java's "... 12 more" (the tab-indented form is caught by the indentation rule).
  static func isOmittedFrames(_ text: UnsafeRawBufferPointer) -> Bool {
    guard hasPrefix(text, "... ") else { return false }
    var i = 4
    let digitsStart = i
    while i < text.count, ASCIIKind.isDigit(text[i]) { i += 1 }
    guard i > digitsStart else { return false }
    let rest = UnsafeRawBufferPointer(rebasing: text[i...])
    return equals(rest, " more") || equals(rest, " common frames omitted")
  }

  /// Go's panic dump: "goroutine 1 [running]:".
  static func isGoroutineHeader(_ text: UnsafeRawBufferPointer) -> Bool {
    guard hasPrefix(text, "goroutine ") else { return false }
    var i = 10
    let digitsStart = i
    while i < text.count, ASCIIKind.isDigit(text[i]) { i += 1 }
    guard i > digitsStart, i + 2 < text.count, text[i] == UInt8(ascii: " "),
      text[i + 1] == UInt8(ascii: "[")
    else { return false }
    return text[text.count - 1] == UInt8(ascii: ":")
  }

  @inline(__always)
  static func hasPrefix(_ text: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
    let n = prefix.utf8CodeUnitCount
    guard text.count >= n else { return false }
    let s = prefix.utf8Start
    for k in 0..<n where text[k] != s[k] { return false }
    return true
  }

  @inline(__always)
  static func equals(_ text: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    text.count == literal.utf8CodeUnitCount && hasPrefix(text, literal)
  }
}
