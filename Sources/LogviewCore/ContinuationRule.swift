/// Whether a non-JSON line continues the record before it (a stack trace, pretty-printed JSON)
/// rather than starting a new one. Deliberately conservative: a wrong "continues" glues an
/// unrelated line onto a record, so only unmistakable shapes count, and shapes that are also
/// ordinary log lines ("Error: disk full") count only beside a trace line.
///
/// A pure function of the line, what the line before it looks like (`Preceding`) and, for a
/// few shapes, the line after it, so a forward pass, a jump to the next record and a walk back
/// to a record's start all agree. Where the line after is needed, it must itself be a
/// continuation (a frame, a blank line): at the end of a piece cut at a record boundary the
/// line after is unknown, and is then known not to be one.
public enum ContinuationRule {
  /// What the rule reads of the line before: a few bits, so a stream can carry them from one
  /// piece to the next.
  public struct Preceding: OptionSet, Sendable, Equatable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Starts with a space or tab and is not blank: a frame, a traceback's source line.
    public static let indented = Preceding(rawValue: 1)
    /// Starts with a tab, as Go's file lines do.
    public static let tabIndented = Preceding(rawValue: 2)
    /// Go's "goroutine 1 [running]:".
    public static let goroutineHeader = Preceding(rawValue: 4)
    /// Ends with "[" or ",": inside a pretty-printed JSON array.
    public static let inList = Preceding(rawValue: 8)
    /// A CRI line tagged `P`: the next line finishes it.
    public static let criPartial = Preceding(rawValue: 16)

    /// Longer lines have no bits: looking back for the line before stays bounded.
    public static let longestLine = 4096

    /// The bits of `line` (without its line end).
    public static func of(_ line: UnsafeRawBufferPointer) -> Preceding {
      guard let first = line.first, line.count <= longestLine else { return [] }
      if ASCIIKind.isDigit(first), let cri = CRILine.content(line) {
        let content = of(UnsafeRawBufferPointer(rebasing: line[cri.start...]))
        return cri.isPartial ? content.union(.criPartial) : content
      }
      var shape: Preceding = []
      if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
        guard line.contains(where: { !ASCIIKind.isSpace($0) }) else { return [] }
        shape.insert(first == UInt8(ascii: "\t") ? [.indented, .tabIndented] : .indented)
      } else if first == UInt8(ascii: "g"), TraceShapes.isGoroutineHeader(line) {
        shape.insert(.goroutineHeader)
      }
      var end = line.count
      while end > 0, ASCIIKind.isSpace(line[end - 1]) { end -= 1 }
      if end > 0, line[end - 1] == UInt8(ascii: "[") || line[end - 1] == UInt8(ascii: ",") {
        shape.insert(.inList)
      }
      return shape
    }
  }

  /// The rule's answer before the line after is looked at.
  public enum Verdict: Sendable, Equatable {
    case starts
    case continues
    /// Continues when the line after is a frame ("Error: msg" before "    at fn (file:1:2)").
    case continuesBeforeFrame
    /// Continues when the line after is blank, a signal line or a nested panic (Go's "panic:
    /// msg").
    case continuesBeforePanicBody
  }

  /// Whether `line` continues the record before it; `next` is nil when unknown or absent.
  public static func isContinuation(
    _ line: UnsafeRawBufferPointer, after previous: Preceding = [],
    before next: UnsafeRawBufferPointer? = nil
  ) -> Bool {
    holds(verdict(line, after: previous), before: next)
  }

  /// Whether a verdict holds given the line after (nil when unknown or absent).
  public static func holds(_ verdict: Verdict, before next: UnsafeRawBufferPointer?) -> Bool {
    switch verdict {
    case .starts: return false
    case .continues: return true
    case .continuesBeforeFrame: return next.map(TraceShapes.isFrame) ?? false
    case .continuesBeforePanicBody: return next.map(TraceShapes.isPanicBody) ?? false
    }
  }

  /// The verdict on `line` (a line end at its end is ignored), from it and the line before.
  public static func verdict(_ line: UnsafeRawBufferPointer, after previous: Preceding) -> Verdict {
    var end = line.count
    while end > 0, line[end - 1] == 0x0D || line[end - 1] == 0x0A { end -= 1 }
    guard end > 0 else { return .starts }
    let text = UnsafeRawBufferPointer(rebasing: line[0..<end])
    let first = text[0]
    if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
      return indentedVerdict(text, after: previous)
    }
    if let marker = markerVerdict(text, first: first, after: previous) { return marker }
    if previous.contains(.goroutineHeader) || previous.contains(.tabIndented),
      TraceShapes.isGoFunction(text)
    {
      return .continues
    }
    switch TraceShapes.header(text) {
    case .qualified?: return .continues
    case .plain?: return previous.contains(.indented) ? .continues : .continuesBeforeFrame
    case nil: return .starts
    }
  }

  /// Indented: a stack frame or wrapped text, unless the line is blank, or is a JSON object
  /// of its own (an indented record) outside a pretty-printed array.
  private static func indentedVerdict(_ text: UnsafeRawBufferPointer, after previous: Preceding)
    -> Verdict
  {
    var i = 1
    while i < text.count, ASCIIKind.isSpace(text[i]) { i += 1 }
    guard i < text.count else { return .starts }
    if text[i] == UInt8(ascii: "{"), !previous.contains(.inList),
      isWholeObject(UnsafeRawBufferPointer(rebasing: text[i...]))
    {
      return .starts
    }
    return .continues
  }

  /// Lines that say what they are by their first words.
  private static func markerVerdict(
    _ text: UnsafeRawBufferPointer, first: UInt8, after previous: Preceding
  ) -> Verdict? {
    let continues: Bool
    switch first {
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      continues = isClosingPunctuation(text)
    case UInt8(ascii: "T"):
      continues =
        hasPrefix(text, "Traceback (most recent call last):")
        || hasPrefix(text, "The above exception was the direct cause of the following exception")
    case UInt8(ascii: "C"):
      continues = hasPrefix(text, "Caused by: ") || equals(text, "Caused by:")
    case UInt8(ascii: "W"):
      // logback's root-cause-first order.
      continues = hasPrefix(text, "Wrapped by: ")
    case UInt8(ascii: "D"):
      continues = hasPrefix(text, "During handling of the above exception")
    case UInt8(ascii: "."):
      continues = isOmittedFrames(text)
    case UInt8(ascii: "g"):
      continues = TraceShapes.isGoroutineHeader(text)
    case UInt8(ascii: "E"):
      continues = hasPrefix(text, "Exception in thread \"")
    case UInt8(ascii: "U"):
      // .NET's unhandled exception: "Unhandled exception. System.X: msg".
      continues =
        hasPrefix(text, "Unhandled exception. ")
        && TraceShapes.header(UnsafeRawBufferPointer(rebasing: text[21...])) != nil
    case UInt8(ascii: "-"):
      continues =
        hasPrefix(text, "--- End of stack trace from previous location")
        || hasPrefix(text, "--- End of inner exception stack trace ---")
    case UInt8(ascii: "["):
      continues = TraceShapes.isSignalLine(text)
    case UInt8(ascii: "p"):
      return hasPrefix(text, "panic: ") ? .continuesBeforePanicBody : nil
    case UInt8(ascii: "f"):
      return hasPrefix(text, "fatal error: ") ? .continuesBeforePanicBody : nil
    case UInt8(ascii: "c"):
      continues = previous.contains(.indented) && hasPrefix(text, "created by ")
    case UInt8(ascii: "e"):
      continues = previous.contains(.indented) && TraceShapes.isExitStatus(text)
    default:
      return nil
    }
    return continues ? .continues : nil
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

  /// Java's "... 12 more", logback's "... 5 common frames omitted" (the tab-indented forms
  /// are caught by the indentation rule), Go's "...additional frames elided...".
  static func isOmittedFrames(_ text: UnsafeRawBufferPointer) -> Bool {
    if equals(text, "...additional frames elided...") { return true }
    guard hasPrefix(text, "... ") else { return false }
    var i = 4
    let digitsStart = i
    while i < text.count, ASCIIKind.isDigit(text[i]) { i += 1 }
    guard i > digitsStart else { return false }
    let rest = UnsafeRawBufferPointer(rebasing: text[i...])
    return equals(rest, " more") || equals(rest, " common frames omitted")
  }

  /// `text` (starting at "{") is one JSON object and nothing after it but spaces.
  private static func isWholeObject(_ text: UnsafeRawBufferPointer) -> Bool {
    guard let base = text.baseAddress,
      let close = JSONSkip.containerEnd(base, 0, text.count)
    else { return false }
    for k in close..<text.count where !ASCIIKind.isSpace(text[k]) { return false }
    return true
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
