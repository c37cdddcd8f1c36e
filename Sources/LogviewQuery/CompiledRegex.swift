import CPCRE2
import CRE2
import Synchronization

/// One PCRE2 pattern and its match limits, shared read-only by every thread that matches,
/// with the same pattern in RE2 (linear time) for the records PCRE2 gives up on.
///
/// PCRE2 with JIT is 2-4x faster than RE2 on ordinary patterns (a C harness over the 1M-line
/// benchmark file: `"durationMs":[0-9]{4,}` 0.086 s against 0.334 s, `payment-service.*
/// declined` 0.10 against 0.19), and has lookaround and backreferences; but a backtracking
/// blow-up costs it up to 10 ms a record before the step limit (`(\w+\s?)+$` on 8,087 log
/// lines: 83 s against RE2's 1 ms). So PCRE2 decides, and a record it gives up on is decided
/// by RE2; after a few such records the pattern goes to RE2 first. Patterns RE2 does not
/// accept (lookaround, backreferences) keep the limit: a record PCRE2 gives up on counts as
/// no match, and `limitHits` says how many.
final class CompiledRegex: @unchecked Sendable {
  /// Backtracking steps one match may take. A record's match takes a few thousand at most;
  /// a pathological pattern such as `(a+)+$` stops here instead of running for minutes.
  static let matchLimit: UInt32 = 1_000_000
  /// Nested backtracking frames (the interpreter's heap use), where JIT is unavailable.
  static let depthLimit: UInt32 = 10_000

  /// Records PCRE2 gave up on before the pattern goes to RE2 first.
  static let switchAfter = 8

  private let code: OpaquePointer
  private let limits: OpaquePointer?
  /// The same pattern in RE2, when RE2 accepts it.
  private let linear: OpaquePointer?
  /// Searches PCRE2 gave up on (a limit, or no memory) so far, on any thread.
  private let gaveUp = Atomic<Int>(0)
  /// Of those, the ones nothing could decide (no RE2 pattern): each counted as no match,
  /// and said once by whoever shows the filter.
  let limitHits = Atomic<Int>(0)

  init(_ pattern: String, options: UInt32) throws(RegexSyntaxError) {
    var errorCode: Int32 = 0
    var errorOffset = 0
    let code = Array(pattern.utf8).withUnsafeBufferPointer {
      lv_regex_compile($0.baseAddress, $0.count, options, &errorCode, &errorOffset)
    }
    guard let code else {
      throw RegexSyntaxError(
        reason: Self.message(errorCode) + " at offset \(errorOffset) in the pattern")
    }
    self.code = code
    limits = lv_regex_limits_create(Self.matchLimit, Self.depthLimit)
    linear = Array(pattern.utf8).withUnsafeBufferPointer {
      lv_re2_compile(
        $0.baseAddress, $0.count, options & UInt32(PCRE2_CASELESS) != 0 ? 1 : 0,
        options & UInt32(PCRE2_DOTALL) != 0 ? 1 : 0,
        options & UInt32(PCRE2_MULTILINE) != 0 ? 1 : 0)
    }
  }

  deinit {
    lv_regex_free(code)
    if let limits { lv_regex_limits_free(limits) }
    lv_re2_free(linear)
  }

  /// The named groups: each name and its group number.
  var namedGroups: [(name: String, number: Int)] {
    (0..<lv_regex_name_count(code)).map { index in
      var number: UInt32 = 0
      let name = lv_regex_group_name(code, index, &number)
      return (String(cString: name!), Int(number))
    }
  }

  /// Where each group (0: the whole match) matched in `bytes`, nil for a group that took no
  /// part; nil when the pattern does not match, or PCRE2 gave up (counted in `limitHits`).
  func captures(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>?]? {
    let pairs = Int(lv_regex_group_count(code)) + 1
    var offsets = [Int](repeating: 0, count: 2 * pairs)
    let result = withUnsafeBytes(of: UInt8(0)) { empty in
      let subject = (bytes.baseAddress ?? empty.baseAddress!).assumingMemoryBound(to: UInt8.self)
      return offsets.withUnsafeMutableBufferPointer { vector in
        vector.withMemoryRebound(to: Int.self) {
          lv_regex_capture(
            code, subject, bytes.count, limits,
            UnsafeMutableRawPointer($0.baseAddress!).assumingMemoryBound(to: size_t.self),
            UInt32(pairs))
        }
      }
    }
    guard result > 0 else {
      if result < 0 { limitHits.add(1, ordering: .relaxed) }
      return nil
    }
    return (0..<pairs).map { group in
      let start = offsets[2 * group]
      let end = offsets[2 * group + 1]
      return start >= 0 && end >= start && end <= bytes.count ? start..<end : nil
    }
  }

  /// True when RE2 takes the records PCRE2 gives up on.
  var hasLinearFallback: Bool { linear != nil }

  /// True when the pattern matches somewhere in `bytes`. A search PCRE2 gives up on is
  /// RE2's to decide, or counts as no match when RE2 does not take the pattern.
  func search(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let subject = bytes.baseAddress else {
      // PCRE2 wants a non-null subject even when it reads nothing.
      return withUnsafeBytes(of: UInt8(0)) { search(UnsafeRawBufferPointer(rebasing: $0[0..<0])) }
    }
    let start = subject.assumingMemoryBound(to: UInt8.self)
    if let linear, gaveUp.load(ordering: .relaxed) >= Self.switchAfter {
      return lv_re2_search(linear, start, bytes.count) == 1
    }
    let result = lv_regex_search(code, start, bytes.count, limits)
    if result >= 0 { return result == 1 }
    gaveUp.add(1, ordering: .relaxed)
    guard let linear else {
      limitHits.add(1, ordering: .relaxed)
      return false
    }
    return lv_re2_search(linear, start, bytes.count) == 1
  }

  /// The first match at or after byte `from`, decided as `search` decides (RE2 first once
  /// PCRE2 gave up often; RE2 where PCRE2 gives up); nil on none, or when nothing could
  /// decide (counted in `limitHits`).
  func firstMatch(_ bytes: UnsafeRawBufferPointer, from: Int) -> Range<Int>? {
    guard let subject = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), from <= bytes.count
    else { return nil }
    var bounds = [Int](repeating: 0, count: 2)
    let found: Int32 = bounds.withUnsafeMutableBufferPointer { buffer in
      let out = buffer.baseAddress!
      if let linear, gaveUp.load(ordering: .relaxed) >= Self.switchAfter {
        return lv_re2_find(linear, subject, bytes.count, from, out)
      }
      let result = lv_regex_find(code, subject, bytes.count, from, limits, out)
      if result >= 0 { return result }
      gaveUp.add(1, ordering: .relaxed)
      guard let linear else {
        limitHits.add(1, ordering: .relaxed)
        return 0
      }
      return lv_re2_find(linear, subject, bytes.count, from, out)
    }
    guard found == 1, bounds[0] <= bounds[1], bounds[1] <= bytes.count else { return nil }
    return bounds[0]..<bounds[1]
  }

  private static func message(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    lv_regex_error_message(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
  }
}
