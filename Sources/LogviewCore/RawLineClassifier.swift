/// Best-effort timestamp and level from the first tokens of a non-JSON line.
///
/// Recognized shapes: ISO/RFC 3339 and Python asctime prefixes (optionally in brackets),
/// glog/klog ("E0315 10:00:00.123456 ..."), BSD syslog ("Mar 15 10:00:00", also with a
/// weekday and year as in ctime), an RFC 5424 "<PRI>" prefix, logfmt `time=`/`level=` keys,
/// and level words: bracketed or colon-suffixed in any case ("[warn]", "error:",
/// "WARNING:root:..."), or bare in upper case ("INFO", "WRN"). A level is only taken from
/// the first three tokens after the timestamp so prose mentioning "error" late stays unleveled.
/// A line that starts a stack trace of its own is an error ("TimeoutError: ...", "Traceback
/// ..."; Go's "panic: ..." is fatal by its word). ANSI color codes are skipped.
public enum RawLineClassifier {
  /// Tokens (after the timestamp) searched for a level word.
  static let levelWindow = 3

  public static func classify(_ line: UnsafeRawBufferPointer, zone: TimeZoneRule, currentYear: Int)
    -> (timestamp: Int64?, level: Level?)
  {
    // Colored output ("\e[31mERROR\e[0m ..."): read without its escape sequences.
    if ByteScan.firstIndex(of: 0x1B, in: line, 0..<line.count) != nil {
      return EscapeSequence.withoutCSI(line) {
        classifyText($0, zone: zone, currentYear: currentYear)
      }
    }
    return classifyText(line, zone: zone, currentYear: currentYear)
  }

  private static func classifyText(
    _ line: UnsafeRawBufferPointer, zone: TimeZoneRule, currentYear: Int
  ) -> (timestamp: Int64?, level: Level?) {
    var end = line.count
    while end > 0, ASCIIKind.isSpace(line[end - 1]) { end -= 1 }
    var i = 0
    if end >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { i = 3 }
    while i < end, ASCIIKind.isSpace(line[i]) { i += 1 }
    let textStart = i
    let year = Int64(clamping: currentYear)
    var timestamp: Int64?
    var level: Level?
    if let pri = syslogPriority(line, from: i, end: end) {
      level = LevelParser.fromSyslog(pri.value & 7)
      i = pri.end
    }
    if level == nil,
      let glog = RawTimestampShapes.glog(line, from: i, end: end, zone: zone, year: year)
    {
      return (glog.timestamp, glog.level)
    }
    var tokens = 0
    var timeSeen = false
    while i < end, tokens < levelWindow, timestamp == nil || level == nil {
      while i < end, ASCIIKind.isSpace(line[i]) { i += 1 }
      guard i < end else { break }
      if !timeSeen, tokens <= 1,
        let found = RawTimestampShapes.leading(line, from: i, end: end, zone: zone, year: year)
      {
        timeSeen = true
        timestamp = found.timestamp
        i = found.end
        continue
      }
      let tokenEnd = LogfmtToken.end(line, from: i, end: end)
      let token = UnsafeRawBufferPointer(rebasing: line[i..<tokenEnd])
      i = tokenEnd
      if isSeparator(token) { continue }
      tokens += 1
      if let pair = LogfmtToken(token) {
        if level == nil, pair.isLevelKey {
          level = LevelParser.parse(text: pair.value)
        } else if timestamp == nil, pair.isTimeKey,
          let t = TimestampParser.parse(pair.value, naiveZone: zone)
        {
          timestamp = t
          timeSeen = true
          tokens -= 1  // a logfmt time does not use up the level window
        }
        continue
      }
      if level == nil { level = levelWord(token) }
    }
    if level == nil, startsTrace(UnsafeRawBufferPointer(rebasing: line[textStart..<end])) {
      level = .error
    }
    return (timestamp, level)
  }

  /// An exception header or a traceback's first line, starting a record with nothing before it.
  static func startsTrace(_ text: UnsafeRawBufferPointer) -> Bool {
    guard let first = text.first, ASCIIKind.isLetter(first) else { return false }
    return TraceShapes.header(text) != nil
      || ContinuationRule.hasPrefix(text, "Traceback (most recent call last):")
      || ContinuationRule.hasPrefix(text, "Exception in thread \"")
      || ContinuationRule.hasPrefix(text, "Unhandled exception. ")
  }

  /// "<34>" (RFC 3164/5424 PRI, 0...191) and an optional "1 " version after it.
  static func syslogPriority(_ p: UnsafeRawBufferPointer, from start: Int, end: Int)
    -> (value: Int64, end: Int)?
  {
    guard start + 3 <= end, p[start] == UInt8(ascii: "<") else { return nil }
    var i = start + 1
    var value: Int64 = 0
    while i < end, i - start <= 3, ASCIIKind.isDigit(p[i]) {
      value = value * 10 + Int64(p[i] &- 0x30)
      i += 1
    }
    guard i > start + 1, i < end, p[i] == UInt8(ascii: ">"), value <= 191 else { return nil }
    i += 1
    if i + 1 < end, p[i] == UInt8(ascii: "1"), p[i + 1] == UInt8(ascii: " ") { i += 2 }
    return (value, i)
  }

  /// A token made only of separator punctuation ("-", "|", "--", ":", "*").
  static func isSeparator(_ token: UnsafeRawBufferPointer) -> Bool {
    guard token.count <= 3 else { return false }
    for b in token {
      switch b {
      case UInt8(ascii: "-"), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: "*"),
        UInt8(ascii: ">"):
        continue
      default: return false
      }
    }
    return true
  }

  /// A level from one token: "[warn]", "(error)", "ERROR:", "WARNING:root:disk", "[core:error]",
  /// or a bare upper-case word of 3+ letters. Lower/mixed case only when decorated, and not the
  /// words that are too common in prose to trust there (config, fine, success, ...).
  static func levelWord(_ token: UnsafeRawBufferPointer) -> Level? {
    var start = 0
    var end = token.count
    var bracketed = false
    var decorated = false
    while start < end, start < 2,
      token[start] == UInt8(ascii: "[") || token[start] == UInt8(ascii: "(")
    {
      start += 1
      bracketed = true
    }
    while end > start, token.count - end < 3 {
      let b = token[end - 1]
      guard
        b == UInt8(ascii: "]") || b == UInt8(ascii: ")") || b == UInt8(ascii: ":")
          || b == UInt8(ascii: ",")
      else { break }
      if b == UInt8(ascii: "]") || b == UInt8(ascii: ")") { bracketed = true }
      decorated = true
      end -= 1
    }
    decorated = decorated || bracketed
    guard start < end else { return nil }
    let inner = UnsafeRawBufferPointer(rebasing: token[start..<end])
    guard let colon = inner.firstIndex(of: UInt8(ascii: ":")) else {
      return word(inner, decorated: decorated, bracketed: bracketed)
    }
    // "WARNING:root:message" (Python's default format) or Apache's "[core:error]".
    let head = UnsafeRawBufferPointer(rebasing: inner[0..<colon])
    if let level = word(head, decorated: true, bracketed: false) { return level }
    guard bracketed, let lastColon = inner.lastIndex(of: UInt8(ascii: ":")) else { return nil }
    return word(
      UnsafeRawBufferPointer(rebasing: inner[(lastColon + 1)...]), decorated: true, bracketed: false
    )
  }

  private static func word(_ w: UnsafeRawBufferPointer, decorated: Bool, bracketed: Bool) -> Level?
  {
    guard !w.isEmpty, w.count <= 13 else { return nil }
    var allUpper = true
    for b in w {
      guard ASCIIKind.isLetter(b) else { return nil }
      if !ASCIIKind.isUpper(b) { allUpper = false }
    }
    if w.count == 1 { return bracketed ? LevelParser.parse(text: w) : nil }
    if allUpper && w.count >= 3 { return LevelParser.parse(text: w) }
    guard decorated, !isProseWord(w) else { return nil }
    return LevelParser.parse(text: w)
  }

  /// Level synonyms that start ordinary sentences too often ("Success: ...", "Config: ...").
  private static func isProseWord(_ w: UnsafeRawBufferPointer) -> Bool {
    LevelParser.matches(w, "config") || LevelParser.matches(w, "fine")
      || LevelParser.matches(w, "finer") || LevelParser.matches(w, "finest")
      || LevelParser.matches(w, "success") || LevelParser.matches(w, "information")
      || LevelParser.matches(w, "alert")
  }
}

/// One `key=value` token of a logfmt line (value unquoted when quoted).
struct LogfmtToken {
  let key: UnsafeRawBufferPointer
  let value: UnsafeRawBufferPointer

  init?(_ token: UnsafeRawBufferPointer) {
    guard let equals = token.firstIndex(of: UInt8(ascii: "=")), equals > 0 else { return nil }
    for b in token[0..<equals] {
      guard
        ASCIIKind.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
          || b == UInt8(ascii: "@") || b == UInt8(ascii: "-")
      else { return nil }
    }
    key = UnsafeRawBufferPointer(rebasing: token[0..<equals])
    var start = equals + 1
    var end = token.count
    if end - start >= 2, token[start] == UInt8(ascii: "\""), token[end - 1] == UInt8(ascii: "\"") {
      start += 1
      end -= 1
    }
    value = UnsafeRawBufferPointer(rebasing: token[start..<end])
  }

  var isLevelKey: Bool {
    LevelParser.matches(key, "level") || LevelParser.matches(key, "lvl")
      || LevelParser.matches(key, "severity") || LevelParser.matches(key, "loglevel")
      || LevelParser.matches(key, "levelname") || LevelParser.matches(key, "log.level")
  }

  var isTimeKey: Bool {
    LevelParser.matches(key, "time") || LevelParser.matches(key, "ts")
      || LevelParser.matches(key, "timestamp") || LevelParser.matches(key, "t")
      || LevelParser.matches(key, "@timestamp") || LevelParser.matches(key, "datetime")
      || LevelParser.matches(key, "date") || LevelParser.matches(key, "asctime")
  }

  /// End of the whitespace-delimited token at `start`; a `="...` value runs to its closing quote
  /// so `time="2024-03-15 10:00:00"` stays one token.
  static func end(_ p: UnsafeRawBufferPointer, from start: Int, end: Int) -> Int {
    var i = start
    while i < end, !ASCIIKind.isSpace(p[i]) {
      if p[i] == UInt8(ascii: "="), i + 1 < end, p[i + 1] == UInt8(ascii: "\"") {
        i += 2
        while i < end, p[i] != UInt8(ascii: "\"") {
          i += p[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        i = min(i + 1, end)
        continue
      }
      i += 1
    }
    return i
  }
}
