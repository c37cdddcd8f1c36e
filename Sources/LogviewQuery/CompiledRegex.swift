import CPCRE2
import Synchronization

/// One PCRE2 pattern and its match limits, shared read-only by every thread that matches.
final class CompiledRegex: @unchecked Sendable {
  /// Backtracking steps one match may take. A record's match takes a few thousand at most;
  /// a pathological pattern such as `(a+)+$` stops here instead of running for minutes.
  static let matchLimit: UInt32 = 1_000_000
  /// Nested backtracking frames (the interpreter's heap use), where JIT is unavailable.
  static let depthLimit: UInt32 = 10_000

  private let code: OpaquePointer
  private let limits: OpaquePointer?
  /// Searches stopped by a limit (or by PCRE2 running out of memory) so far, on any thread:
  /// each counted as no match, and said once by whoever shows the filter.
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
  }

  deinit {
    lv_regex_free(code)
    if let limits { lv_regex_limits_free(limits) }
  }

  /// True when the pattern matches somewhere in `bytes`. A match that hits a limit counts
  /// as no match.
  func search(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let subject = bytes.baseAddress else {
      // PCRE2 wants a non-null subject even when it reads nothing.
      return withUnsafeBytes(of: UInt8(0)) { search(UnsafeRawBufferPointer(rebasing: $0[0..<0])) }
    }
    let result = lv_regex_search(
      code, subject.assumingMemoryBound(to: UInt8.self), bytes.count, limits)
    if result < 0 { limitHits.add(1, ordering: .relaxed) }
    return result == 1
  }

  private static func message(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    lv_regex_error_message(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
  }
}
