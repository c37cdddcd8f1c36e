/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after
/// Howard Hinnant's `days_from_civil` / `civil_from_days`. Pure integer math so timestamp
/// parsing and formatting never touch Foundation.
enum CivilCalendar {
  static let secondsPerDay: Int64 = 86_400
  static let nanosPerSecond: Int64 = 1_000_000_000

  /// Days since 1970-01-01 of year `y`, month `m` (1...12), day `d` (1...31).
  /// Callers validate the date; any Int64 within ±1e15 years is safe from overflow.
  @inline(__always)
  static func daysFromCivil(year y: Int64, month m: Int64, day d: Int64) -> Int64 {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400  // [0, 399]
    let mp = m > 2 ? m - 3 : m + 9  // March-based month [0, 11]
    let doy = (153 * mp + 2) / 5 + d - 1  // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy  // [0, 146096]
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day number.
  @inline(__always)
  static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097  // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365  // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)  // [0, 365]
    let mp = (5 * doy + 2) / 153  // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1  // [1, 31]
    let m = mp < 10 ? mp + 3 : mp - 9  // [1, 12]
    return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, Int(m), Int(d))
  }

  @inline(__always)
  static func isLeapYear(_ y: Int64) -> Bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
  }

  /// Number of days in a month; 0 for an invalid month.
  @inline(__always)
  static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: 31
    case 4, 6, 9, 11: 30
    case 2: isLeapYear(year) ? 29 : 28
    default: 0
    }
  }

  /// Floor division and non-negative remainder (Int64 `/` truncates toward zero).
  @inline(__always)
  static func floorDivMod(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
    let q = a / b
    let r = a - q * b
    return r < 0 ? (q - 1, r + b) : (q, r)
  }
}
