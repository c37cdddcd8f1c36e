import LogviewCore

/// How the explorer shows a record's time (stream and errors rows, the request view's
/// span): the time of day alone while every record read falls on one day and that day is
/// today, else the date too, as headless pretty lines always show it (`2024-03-15
/// 10:00:00.123`); an archive from last week or a night's log across midnight would
/// otherwise read as one day. Decided for the whole log, never per row, so rows keep one
/// width while scrolling.
public enum TimeColumn {
  /// `span`: the log's oldest and newest record time; `now`: the wall clock; days are
  /// counted in `zone`.
  public static func showsDates(
    span: (oldest: Int64, newest: Int64)?, now: Int64, zone: TimeZoneRule
  ) -> Bool {
    guard let span else { return false }
    let newest = TimestampFormatter.day(span.newest, zone: zone)
    return TimestampFormatter.day(span.oldest, zone: zone) != newest
      || newest != TimestampFormatter.day(now, zone: zone)
  }

  /// Columns the time takes.
  public static func width(dates: Bool) -> Int { dates ? 23 : 12 }

  /// "10:00:00.123", or with `dates` "2024-03-15 10:00:00.123", in `zone`.
  public static func text(_ nanos: Int64, dates: Bool, zone: TimeZoneRule) -> String {
    var out: [UInt8] = []
    if dates {
      TimestampFormatter.appendDisplay(nanos, zone: zone, to: &out)
    } else {
      TimestampFormatter.appendTimeOfDay(nanos, zone: zone, to: &out)
    }
    return String(decoding: out, as: UTF8.self)
  }
}
