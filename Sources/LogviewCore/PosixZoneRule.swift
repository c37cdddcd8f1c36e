/// A POSIX TZ rule string, as in a TZif footer (RFC 8536 section 3.3) or the TZ variable:
/// "CET-1CEST,M3.5.0,M10.5.0/3", "<+0330>-3:30". Offsets are kept east of UTC; POSIX writes
/// them west, so the parser flips the sign.
struct PosixZoneRule: Sendable, Equatable {
  /// The day of a year a transition falls on.
  enum Day: Sendable, Equatable {
    /// Jn: 1...365, February 29 never counted.
    case julian(Int)
    /// n: 0...365, February 29 counted.
    case zeroBased(Int)
    /// Mm.w.d: weekday d (0 = Sunday) of week w (5 = the last) of month m.
    case monthWeek(month: Int, week: Int, weekday: Int)
  }

  struct Transition: Sendable, Equatable {
    let day: Day
    /// Seconds after midnight of `day` in the local time in force before the transition;
    /// RFC 8536 allows -167...167 hours.
    let time: Int
  }

  struct Daylight: Sendable, Equatable {
    let offset: Int
    let start: Transition
    let end: Transition
  }

  let standardOffset: Int
  let daylight: Daylight?

  init(standardOffset: Int, daylight: Daylight?) {
    self.standardOffset = standardOffset
    self.daylight = daylight
  }

  init?(_ text: String) {
    self.init(bytes: Array(text.utf8))
  }

  init?(bytes: [UInt8]) {
    var parser = Parser(bytes: bytes)
    guard let rule = parser.rule(), parser.atEnd else { return nil }
    self = rule
  }

  /// Instants are clamped to about ±35,000 years so the year arithmetic cannot overflow.
  private static let limit: Int64 = 1 << 40

  /// Offset east of UTC in seconds at the given UTC instant.
  func offset(atUTC seconds: Int64) -> Int {
    guard let daylight else { return standardOffset }
    let t = min(max(seconds, -Self.limit), Self.limit)
    let days = CivilCalendar.floorDivMod(t, CivilCalendar.secondsPerDay).quotient
    let year = CivilCalendar.civilFromDays(days).year
    // The latest transition at or before t decides. Times up to 167 hours and offsets up to
    // 25 hours can push a year's transitions into the neighbouring years, hence four years.
    // On a tie the later year wins, so "0/0,J365/25" stays in daylight time all year.
    var latest: (time: Int64, year: Int64, isDaylight: Bool)?
    for y in (year - 2)...(year + 1) {
      for step in 0..<2 {
        let isStart = step == 0
        let transition = isStart ? daylight.start : daylight.end
        let before = isStart ? standardOffset : daylight.offset
        let at = transition.localSeconds(year: y) - Int64(before)
        guard at <= t else { continue }
        if let current = latest, (current.time, current.year) > (at, y) { continue }
        latest = (at, y, isStart)
      }
    }
    return latest?.isDaylight == true ? daylight.offset : standardOffset
  }

  /// Parses `std offset [dst [offset] [,start[/time],end[/time]]]`.
  private struct Parser {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func rule() -> PosixZoneRule? {
      guard name(), let standardWest = clock(maxHours: 24) else { return nil }
      let standard = -standardWest
      if atEnd { return PosixZoneRule(standardOffset: standard, daylight: nil) }
      guard name() else { return nil }
      var daylightOffset = standard + 3600
      if !atEnd && bytes[index] != UInt8(ascii: ",") {
        guard let west = clock(maxHours: 24) else { return nil }
        daylightOffset = -west
      }
      // No rules: the United States ones, as glibc assumes.
      var start = Transition(day: .monthWeek(month: 3, week: 2, weekday: 0), time: 7200)
      var end = Transition(day: .monthWeek(month: 11, week: 1, weekday: 0), time: 7200)
      if !atEnd {
        guard skip(","), let first = transition(), skip(","), let second = transition() else {
          return nil
        }
        (start, end) = (first, second)
      }
      let daylight = Daylight(offset: daylightOffset, start: start, end: end)
      return PosixZoneRule(standardOffset: standard, daylight: daylight)
    }

    /// A zone abbreviation: three or more letters, or `<...>` around letters, digits, + and -.
    mutating func name() -> Bool {
      let quoted = skip("<")
      let first = index
      while index < bytes.count {
        let b = bytes[index]
        let extra = ASCIIKind.isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
        guard ASCIIKind.isLetter(b) || (quoted && extra) else { break }
        index += 1
      }
      guard index - first >= 3 else { return false }
      return !quoted || skip(">")
    }

    /// `[+|-]hh[:mm[:ss]]` in seconds.
    mutating func clock(maxHours: Int) -> Int? {
      var sign = 1
      if skip("-") {
        sign = -1
      } else {
        _ = skip("+")
      }
      guard let hours = number(maxDigits: 3), hours <= maxHours else { return nil }
      var seconds = hours * 3600
      for scale in [60, 1] {
        guard skip(":") else { break }
        guard let part = number(maxDigits: 2), part <= 59 else { return nil }
        seconds += part * scale
      }
      return sign * seconds
    }

    /// `Jn`, `n` or `Mm.w.d`, then an optional `/time` (02:00 by default).
    mutating func transition() -> Transition? {
      let day: Day
      if skip("J") {
        guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
        day = .julian(n)
      } else if skip("M") {
        guard let month = number(maxDigits: 2), (1...12).contains(month), skip("."),
          let week = number(maxDigits: 1), (1...5).contains(week), skip("."),
          let weekday = number(maxDigits: 1), weekday <= 6
        else { return nil }
        day = .monthWeek(month: month, week: week, weekday: weekday)
      } else {
        guard let n = number(maxDigits: 3), n <= 365 else { return nil }
        day = .zeroBased(n)
      }
      var time = 7200
      if skip("/") {
        guard let clock = clock(maxHours: 167) else { return nil }
        time = clock
      }
      return Transition(day: day, time: time)
    }

    /// One to `maxDigits` decimal digits.
    mutating func number(maxDigits: Int) -> Int? {
      var value = 0
      let first = index
      while index < bytes.count, index - first < maxDigits, ASCIIKind.isDigit(bytes[index]) {
        value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        index += 1
      }
      return index > first ? value : nil
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
      guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
      index += 1
      return true
    }
  }
}

extension PosixZoneRule.Transition {
  /// The transition as seconds since the epoch in its own local time.
  func localSeconds(year: Int64) -> Int64 {
    day.dayNumber(year: year) * CivilCalendar.secondsPerDay + Int64(time)
  }
}

extension PosixZoneRule.Day {
  /// Days since 1970-01-01 of this day in `year`.
  func dayNumber(year: Int64) -> Int64 {
    let january1 = CivilCalendar.daysFromCivil(year: year, month: 1, day: 1)
    switch self {
    case .julian(let n):
      let skipsLeapDay = CivilCalendar.isLeapYear(year) && n >= 60
      return january1 + Int64(n - 1) + (skipsLeapDay ? 1 : 0)
    case .zeroBased(let n):
      return january1 + Int64(n)
    case .monthWeek(let month, let week, let weekday):
      let first = CivilCalendar.daysFromCivil(year: year, month: Int64(month), day: 1)
      // 1970-01-01 was a Thursday (weekday 4).
      let firstWeekday = CivilCalendar.floorDivMod(first + 4, 7).remainder
      let firstMatch = first + CivilCalendar.floorDivMod(Int64(weekday) - firstWeekday, 7).remainder
      let day = firstMatch + Int64(7 * (week - 1))
      let length = CivilCalendar.daysInMonth(year: year, month: Int64(month))
      return day >= first + length ? day - 7 : day
    }
  }
}
