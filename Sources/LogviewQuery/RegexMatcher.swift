import CPCRE2
import LogviewCore

/// A compiled regex (PCRE2, JIT-compiled: it matches the record's bytes in place, with no
/// String built per record) plus a literal prefilter that rejects most records first.
struct RegexMatcher: Sendable {
  let pattern: String
  private let compiled: CompiledRegex
  /// Literals every match contains (see `RegexPrefilter`), searched on the raw bytes.
  private let required: [SubstringSearch]
  private let caseInsensitive: Bool

  /// Throws the engine's reason when the pattern is invalid.
  init(pattern: String, flags: String) throws(RegexSyntaxError) {
    // UTF with invalid sequences allowed (logs carry garbage; they never match a letter),
    // and Unicode classes for \w, \d, \b and case folding, as the filter's text search has.
    var options = UInt32(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP)
    if flags.contains("i") { options |= UInt32(PCRE2_CASELESS) }
    if flags.contains("s") { options |= UInt32(PCRE2_DOTALL) }
    if flags.contains("m") { options |= UInt32(PCRE2_MULTILINE) }
    compiled = try CompiledRegex(pattern, options: options)
    self.pattern = pattern
    caseInsensitive = flags.contains("i")
    required = RegexPrefilter.requiredLiterals(pattern).map { [caseInsensitive] in
      SubstringSearch($0, ignoringCase: caseInsensitive)
    }
  }

  /// Matches the bytes as UTF-8; invalid sequences match nothing but do not stop a match
  /// elsewhere in the text.
  func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
    if ruledOut(bytes) { return false }
    return compiled.search(bytes)
  }

  /// Every match in `bytes`, left to right, empty ones left out (what a highlight marks).
  func ranges(in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
    if ruledOut(bytes) { return [] }
    var found: [Range<Int>] = []
    var from = 0
    while from <= bytes.count, let range = compiled.firstMatch(bytes, from: from) {
      if range.isEmpty {
        // Past the empty match, to the next character (never inside one's UTF-8 bytes).
        from = range.lowerBound + 1
        while from < bytes.count, bytes[from] & 0xC0 == 0x80 { from += 1 }
      } else {
        found.append(range)
        from = range.upperBound
      }
    }
    return found
  }

  /// Records whose search stopped at the engine's limits (counted as no match).
  var limitHits: Int { compiled.limitHits.load(ordering: .relaxed) }

  func matches(_ string: String) -> Bool {
    var string = string
    return string.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
  }

  /// True when a required literal is missing, which proves there is no match. Case-sensitive:
  /// an ASCII literal is absent from the text exactly when it is absent from the bytes.
  /// Case-insensitive: Unicode folds some non-ASCII letters to ASCII ones (K, ſ), so absence
  /// only proves a miss on pure-ASCII text.
  ///
  /// Literals are read in place: a for-in loop copied each one, retaining its storage for
  /// every record, on storage every scanning core shares (18% of a regex count).
  private func ruledOut(_ bytes: UnsafeRawBufferPointer) -> Bool {
    required.withUnsafeBufferPointer { literals in
      for index in literals.indices where !literals[index].occurs(in: bytes) {
        return !caseInsensitive || ByteScan.isASCII(bytes)
      }
      return false
    }
  }
}

/// Why a regex did not compile.
public struct RegexSyntaxError: Error {
  public let reason: String
}
