/// Timestamp shapes found at the start of plain-text log lines, for `RawLineClassifier`.
enum RawTimestampShapes {
  /// glog/klog header "E0315 10:00:00.123456 ..." (I/W/E/F, month and day; the year is given).
  static func glog(
    _ p: UnsafeRawBufferPointer, from start: Int, end: Int, zone: TimeZoneRule, year: Int64
  )
    -> (timestamp: Int64, level: Level)?
  {
    guard end - start >= 14 else { return nil }
    let level: Level
    switch p[start] {
    case UInt8(ascii: "I"): level = .info
    case UInt8(ascii: "W"): level = .warn
    case UInt8(ascii: "E"): level = .error
    case UInt8(ascii: "F"): level = .fatal
    default: return nil
    }
    guard let month = TimestampParser.number(p, start + 1, 2),
      let day = TimestampParser.number(p, start + 3, 2), p[start + 5] == UInt8(ascii: " "),
      let clock = fullClock(p, from: start + 6, end: end),
      clock.end == end || p[clock.end] == UInt8(ascii: " "),
      let timestamp = TimestampParser.civilNanos(
        year, month, day, clock.hour, clock.minute, clock.second, clock.fraction, offset: nil,
        zone: zone)
    else { return nil }
    return (timestamp, level)
  }

  /// A timestamp token at `start`, optionally in '[' ']' or '(' ')': ISO/asctime date-time,
  /// BSD syslog / ctime ("Mar 15 10:00:00", "Fri Mar 15 10:00:00.123 2024"), or a bare time of
  /// day ("10:00:00.123"), which is skipped but yields no timestamp (its date is unknown).
  static func leading(
    _ p: UnsafeRawBufferPointer, from start: Int, end: Int, zone: TimeZoneRule, year: Int64
  ) -> (timestamp: Int64?, end: Int)? {
    var k = start
    if k < end, p[k] == UInt8(ascii: "[") || p[k] == UInt8(ascii: "(") { k += 1 }
    guard k < end else { return nil }
    var found: (timestamp: Int64?, end: Int)?
    if ASCIIKind.isDigit(p[k]) {
      if end - k >= 16,
        let iso = TimestampParser.scanDateTime(
          p, from: k, end: end, naiveZone: zone, requireTime: true)
      {
        found = (iso.nanos, iso.end)
      } else if let clock = fullClock(p, from: k, end: end) {
        found = (nil, clock.end)
      }
    } else if ASCIIKind.isLetter(p[k]) {
      found = bsd(p, from: k, end: end, zone: zone, year: year)
    }
    guard var result = found else { return nil }
    if result.end < end {
      let next = p[result.end]
      guard !ASCIIKind.isAlphanumeric(next) else { return nil }
      if k > start, next == UInt8(ascii: "]") || next == UInt8(ascii: ")") { result.end += 1 }
    }
    return result
  }

  /// "Mar 15 10:00:00", "Mar  5 10:00:00", with an optional weekday before and year after.
  static func bsd(
    _ p: UnsafeRawBufferPointer, from start: Int, end: Int, zone: TimeZoneRule, year: Int64
  )
    -> (timestamp: Int64?, end: Int)?
  {
    var i = start
    if isWeekday(p, i, end), byte(p, i + 3, end) == UInt8(ascii: " ") { i += 4 }
    guard let month = monthNumber(p, i, end), byte(p, i + 3, end) == UInt8(ascii: " ") else {
      return nil
    }
    i += 4
    var day: Int64
    if byte(p, i, end) == UInt8(ascii: " "), ASCIIKind.isDigit(byte(p, i + 1, end)) {
      day = Int64(p[i + 1] &- 0x30)
      i += 2
    } else if ASCIIKind.isDigit(byte(p, i, end)) {
      day = Int64(p[i] &- 0x30)
      i += 1
      if ASCIIKind.isDigit(byte(p, i, end)) {
        day = day * 10 + Int64(p[i] &- 0x30)
        i += 1
      }
    } else {
      return nil
    }
    guard byte(p, i, end) == UInt8(ascii: " "), let clock = fullClock(p, from: i + 1, end: end)
    else {
      return nil
    }
    i = clock.end
    var fullYear = year
    if byte(p, i, end) == UInt8(ascii: " "), i + 5 <= end,
      let y = TimestampParser.number(p, i + 1, 4),
      i + 5 == end || !ASCIIKind.isAlphanumeric(p[i + 5])
    {
      fullYear = y
      i += 5
    }
    guard
      let timestamp = TimestampParser.civilNanos(
        fullYear, month, day, clock.hour, clock.minute, clock.second, clock.fraction, offset: nil,
        zone: zone)
    else { return nil }
    return (timestamp, i)
  }

  /// "hh:mm:ss" with an optional fraction; seconds required (a bare "10:42" is too vague).
  @inline(__always)
  static func fullClock(_ p: UnsafeRawBufferPointer, from start: Int, end: Int)
    -> (hour: Int64, minute: Int64, second: Int64, fraction: Int64, end: Int)?
  {
    guard let clock = TimestampParser.scanClock(p, from: start, end: end), clock.end - start >= 8
    else {
      return nil
    }
    return clock
  }

  @inline(__always)
  static func byte(_ p: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> UInt8 {
    i < end ? p[i] : 0
  }

  /// Three ASCII letters, lowercased, packed into an integer.
  @inline(__always)
  static func packed(_ p: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> UInt32? {
    guard i + 3 <= end, ASCIIKind.isLetter(p[i]), ASCIIKind.isLetter(p[i + 1]),
      ASCIIKind.isLetter(p[i + 2])
    else { return nil }
    return UInt32(ASCIIKind.lower(p[i])) << 16 | UInt32(ASCIIKind.lower(p[i + 1])) << 8
      | UInt32(ASCIIKind.lower(p[i + 2]))
  }

  /// Month number of a lowercased packed name ("mar" = 0x6d6172).
  static func monthNumber(_ p: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> Int64? {
    switch packed(p, i, end) {
    case 0x6a_616e: 1  // jan
    case 0x66_6562: 2  // feb
    case 0x6d_6172: 3  // mar
    case 0x61_7072: 4  // apr
    case 0x6d_6179: 5  // may
    case 0x6a_756e: 6  // jun
    case 0x6a_756c: 7  // jul
    case 0x61_7567: 8  // aug
    case 0x73_6570: 9  // sep
    case 0x6f_6374: 10  // oct
    case 0x6e_6f76: 11  // nov
    case 0x64_6563: 12  // dec
    default: nil
    }
  }

  static func isWeekday(_ p: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> Bool {
    switch packed(p, i, end) {
    // mon, tue, wed, thu, fri, sat, sun
    case 0x6d_6f6e, 0x74_7565, 0x77_6564, 0x74_6875, 0x66_7269, 0x73_6174, 0x73_756e: true
    default: false
    }
  }
}
