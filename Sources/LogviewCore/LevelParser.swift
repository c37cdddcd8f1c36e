/// Level names and numbers to `Level`. Text matching is ASCII case-insensitive and switches on
/// length and first byte, so a lookup is a handful of byte compares.
public enum LevelParser {
  /// Level names case-insensitively, surrounding whitespace ignored:
  /// trace/trc/t/finer/finest/trce/silly -> trace; debug/dbg/d/verbose/v/fine/config/dbug -> debug
  /// (winston ranks verbose above debug); info/inf/i/information/informational/notice/success
  /// -> info; warn/warning/wrn/w -> warn;
  /// error/err/eror/e/severe/fail -> error; fatal/ftl/f/critical/crit/alert/emergency/emerg/
  /// panic/pnc/dpanic -> fatal. An all-digit string >= 10 is a pino/bunyan number.
  /// Anything else (including GCP's "DEFAULT") -> nil. `field`: the text is a level field's
  /// value, where winston's http (between info and verbose) is info too; in plain text it starts
  /// URLs.
  public static func parse(text: UnsafeRawBufferPointer, field: Bool = false) -> Level? {
    if let common = commonName(text) { return common }
    var start = 0
    var end = text.count
    while start < end, ASCIIKind.isSpace(text[start]) { start += 1 }
    while end > start, ASCIIKind.isSpace(text[end - 1]) { end -= 1 }
    let count = end - start
    guard count > 0, count <= 13 else { return nil }
    let w = UnsafeRawBufferPointer(rebasing: text[start..<end])
    let first = ASCIIKind.lower(w[0])
    if ASCIIKind.isDigit(first) { return parseNumber(w) }
    switch (first, count) {
    case (UInt8(ascii: "t"), 1): return .trace
    case (UInt8(ascii: "d"), 1): return .debug
    case (UInt8(ascii: "v"), 1): return .debug
    case (UInt8(ascii: "i"), 1): return .info
    case (UInt8(ascii: "w"), 1): return .warn
    case (UInt8(ascii: "e"), 1): return .error
    case (UInt8(ascii: "f"), 1): return .fatal
    case (UInt8(ascii: "t"), _):
      if matches(w, "trace") || matches(w, "trc") || matches(w, "trce") { return .trace }
    case (UInt8(ascii: "d"), _):
      if matches(w, "debug") || matches(w, "dbg") || matches(w, "dbug") { return .debug }
      if matches(w, "dpanic") { return .fatal }
    case (UInt8(ascii: "v"), _):
      if matches(w, "verbose") { return .debug }
    case (UInt8(ascii: "c"), _):
      if matches(w, "crit") || matches(w, "critical") { return .fatal }
      if matches(w, "config") { return .debug }
    case (UInt8(ascii: "i"), _):
      if matches(w, "info") || matches(w, "inf") || matches(w, "information")
        || matches(w, "informational")
      {
        return .info
      }
    case (UInt8(ascii: "n"), _):
      if matches(w, "notice") { return .info }
    case (UInt8(ascii: "s"), _):
      if matches(w, "success") { return .info }
      if matches(w, "severe") { return .error }
      if matches(w, "silly") { return .trace }
    case (UInt8(ascii: "h"), 4) where field:
      if matches(w, "http") { return .info }
    case (UInt8(ascii: "w"), _):
      if matches(w, "warn") || matches(w, "warning") || matches(w, "wrn") { return .warn }
    case (UInt8(ascii: "e"), _):
      if matches(w, "error") || matches(w, "err") || matches(w, "eror") { return .error }
      if matches(w, "emerg") || matches(w, "emergency") { return .fatal }
    case (UInt8(ascii: "f"), _):
      if matches(w, "fatal") || matches(w, "ftl") { return .fatal }
      if matches(w, "fine") { return .debug }
      if matches(w, "finer") || matches(w, "finest") { return .trace }
      if matches(w, "fail") { return .error }
    case (UInt8(ascii: "a"), _):
      if matches(w, "alert") { return .fatal }
    case (UInt8(ascii: "p"), _):
      if matches(w, "panic") || matches(w, "pnc") { return .fatal }
    default:
      break
    }
    return nil
  }

  /// The names most logs write, lower-case and bare, told by one or two loads.
  @inline(__always)
  static func commonName(_ text: UnsafeRawBufferPointer) -> Level? {
    switch text.count {
    case 4:
      switch text.loadUnaligned(as: UInt32.self) {
      case 0x6F66_6E69: return .info  // "info"
      case 0x6E72_6177: return .warn  // "warn"
      default: return nil
      }
    case 5:
      let head = text.loadUnaligned(as: UInt32.self)
      let last = text[4]
      switch (head, last) {
      case (0x6F72_7265, UInt8(ascii: "r")): return .error  // "error"
      case (0x7562_6564, UInt8(ascii: "g")): return .debug  // "debug"
      case (0x6174_6166, UInt8(ascii: "l")): return .fatal  // "fatal"
      case (0x6361_7274, UInt8(ascii: "e")): return .trace  // "trace"
      default: return nil
      }
    default:
      return nil
    }
  }

  /// Serilog's `@l` (a level field): names as `parse`, but Verbose, Serilog's lowest level, is
  /// trace.
  public static func parseSerilog(text: UnsafeRawBufferPointer) -> Level? {
    let level = parse(text: text, field: true)
    guard level == .debug else { return level }
    return matches(trimmed(text), "verbose") ? .trace : .debug
  }

  /// `text` without surrounding whitespace.
  static func trimmed(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var start = 0
    var end = text.count
    while start < end, ASCIIKind.isSpace(text[start]) { start += 1 }
    while end > start, ASCIIKind.isSpace(text[end - 1]) { end -= 1 }
    return UnsafeRawBufferPointer(rebasing: text[start..<end])
  }

  public static func parse(_ text: String) -> Level? {
    var text = text
    return text.withUTF8 { parse(text: UnsafeRawBufferPointer($0)) }
  }

  /// pino/bunyan 10/20/30/40/50/60; values in between round down to the bucket
  /// (35 -> info), above 60 -> fatal. Below 10 is not a bunyan level -> nil (a small number
  /// is more likely a syslog priority; callers that know the scheme pick the mapping).
  public static func fromBunyan(_ n: Int64) -> Level? {
    switch n {
    case ..<10: nil
    case 10..<20: .trace
    case 20..<30: .debug
    case 30..<40: .info
    case 40..<50: .warn
    case 50..<60: .error
    default: .fatal
    }
  }

  /// syslog PRIORITY 0–7: 0–2 fatal, 3 error, 4 warn, 5–6 info, 7 debug; else nil.
  public static func fromSyslog(_ n: Int64) -> Level? {
    switch n {
    case 0...2: .fatal
    case 3: .error
    case 4: .warn
    case 5...6: .info
    case 7: .debug
    default: nil
    }
  }

  /// OpenTelemetry severity number 1–24 (0 = unspecified and anything else -> nil).
  public static func fromOpenTelemetry(_ n: Int64) -> Level? {
    switch n {
    case 1...4: .trace
    case 5...8: .debug
    case 9...12: .info
    case 13...16: .warn
    case 17...20: .error
    case 21...24: .fatal
    default: nil
    }
  }

  /// All-digit text as a bunyan level (at most 13 digits, checked by the caller).
  private static func parseNumber(_ w: UnsafeRawBufferPointer) -> Level? {
    var value: Int64 = 0
    for b in w {
      guard ASCIIKind.isDigit(b) else { return nil }
      value = value * 10 + Int64(b &- 0x30)
    }
    return fromBunyan(value)
  }

  /// Case-insensitive equality with a lowercase ASCII literal.
  @inline(__always)
  static func matches(_ w: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    guard w.count == literal.utf8CodeUnitCount else { return false }
    let l = literal.utf8Start
    for k in 0..<w.count where ASCIIKind.lower(w[k]) != l[k] {
      return false
    }
    return true
  }
}
