/// Finds literals that every match of a regex must contain, so most records can be rejected
/// with byte searches instead of decoding a String and running the regex engine (about 50x
/// cheaper). Conservative: any construct it does not fully understand yields no literal.
enum RegexPrefilter {
  /// At most this many literals are checked per record.
  static let maxLiterals = 3

  /// Runs of ASCII characters matched literally at the top level of `pattern` (outside groups
  /// and classes, not made optional by a quantifier), longest first; single characters only
  /// when nothing longer exists. Each must occur in any match. Empty when none can be proven.
  static func requiredLiterals(_ pattern: String) -> [[UInt8]] {
    guard let runs = literalRuns(pattern) else { return [] }
    let sorted = runs.enumerated().sorted {
      ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset)
    }.map(\.element)
    let long = sorted.filter { $0.count >= 2 }
    return Array((long.isEmpty ? sorted.prefix(1) : long[...]).prefix(maxLiterals))
  }

  /// Every required literal run in written order, or nil when the pattern has constructs
  /// that make any run uncertain.
  private static func literalRuns(_ pattern: String) -> [[UInt8]]? {
    var scan = LiteralRuns(Array(pattern.utf8))
    while scan.i < scan.p.count {
      guard scan.step() else { return nil }
    }
    if scan.depth != 0 { return nil }
    scan.endRun()
    return scan.runs
  }

  /// The walk of literalRuns: one construct per step.
  private struct LiteralRuns {
    let p: [UInt8]
    var runs: [[UInt8]] = []
    var run: [UInt8] = []
    var depth = 0
    var lastWasLiteral = false
    var i = 0

    init(_ p: [UInt8]) { self.p = p }

    mutating func endRun() {
      if !run.isEmpty { runs.append(run) }
      run.removeAll(keepingCapacity: true)
    }

    mutating func literal(_ c: UInt8) {
      if depth == 0 {
        run.append(c)
        lastWasLiteral = true
      }
    }

    /// Reads the construct at `i`; false when it makes the runs uncertain.
    mutating func step() -> Bool {
      let c = p[i]
      let wasLiteral = lastWasLiteral
      lastWasLiteral = false
      switch c {
      case UInt8(ascii: "|"):
        // A top-level alternative means no single literal is required.
        if depth == 0 { return false }
        i += 1
      case UInt8(ascii: "\\"):
        return escape()
      case UInt8(ascii: "["):
        guard let end = RegexPrefilter.classEnd(p, from: i) else { return false }
        endRun()
        i = end + 1
      case UInt8(ascii: "("):
        return openGroup()
      case UInt8(ascii: ")"):
        endRun()
        depth -= 1
        if depth < 0 { return false }
        i += 1
      case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "{"):
        return quantifier(c, afterLiteral: wasLiteral)
      case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"),
        UInt8(ascii: "]"), UInt8(ascii: "}"):
        endRun()
        i += 1
      default:
        if c < 0x80 { literal(c) } else { endRun() }
        i += 1
      }
      return true
    }

    mutating func escape() -> Bool {
      guard i + 1 < p.count else { return false }
      let e = p[i + 1]
      if RegexPrefilter.isAlphanumeric(e) {
        // Escapes with a body (\x41, \u00e9, \p{L}, \k<n>, \017, \cA, \N{...}) or quoting
        // (\Q...\E) could hide literal-looking characters: give up.
        if Array("xuUcNpPkQ0".utf8).contains(e) { return false }
        endRun()
      } else if e < 0x80 {
        literal(e)
      } else {
        endRun()
      }
      i += 2
      return true
    }

    mutating func openGroup() -> Bool {
      // Inline options like (?i) or (?x) change how later literals match.
      if i + 2 < p.count, p[i + 1] == UInt8(ascii: "?") {
        let f = p[i + 2]
        if RegexPrefilter.isAlphanumeric(f) || f == UInt8(ascii: "-") || f == UInt8(ascii: "^") {
          return false
        }
      }
      endRun()
      depth += 1
      i += 1
      return true
    }

    /// `?`, `*` or `{n,m}`: the previous literal may be absent (or counted oddly): dropped.
    mutating func quantifier(_ c: UInt8, afterLiteral: Bool) -> Bool {
      if depth == 0 && afterLiteral && !run.isEmpty { run.removeLast() }
      endRun()
      guard c == UInt8(ascii: "{") else {
        i += 1
        return true
      }
      guard let close = p[i...].firstIndex(of: UInt8(ascii: "}")) else { return false }
      i = close + 1
      return true
    }
  }

  /// Index of the ']' closing the class opened at `start`, honoring escapes and nested sets.
  fileprivate static func classEnd(_ p: [UInt8], from start: Int) -> Int? {
    var i = start + 1
    if i < p.count, p[i] == UInt8(ascii: "^") { i += 1 }
    // "[]" and "[^]" are read differently by different engines: give up.
    if i < p.count, p[i] == UInt8(ascii: "]") { return nil }
    var nesting = 1
    while i < p.count {
      switch p[i] {
      case UInt8(ascii: "\\"): i += 2
      case UInt8(ascii: "["):
        nesting += 1
        i += 1
      case UInt8(ascii: "]"):
        nesting -= 1
        if nesting == 0 { return i }
        i += 1
      default: i += 1
      }
    }
    return nil
  }

  private static func isAlphanumeric(_ c: UInt8) -> Bool {
    QueryLexer.isLetter(c) || (c &- UInt8(ascii: "0") < 10)
  }
}
