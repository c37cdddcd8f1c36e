import LogviewCore
import Testing

@testable import LogviewUI

/// When rows show dates (issue 12, defect 3): the log's span and today, in the chosen zone;
/// and the rows themselves, with dates and with hidden fields.
@Suite struct TimeColumnTests {
  static func at(_ text: String) -> Int64 {
    Array(text.utf8).withUnsafeBytes { TimestampParser.parse($0, naiveZone: .utc)! }
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var oldest: String?
    var newest: String?
    var now: String
    var offsetHours = 0
    var dates: Bool
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "one day, today", oldest: "2024-03-15T10:00:00Z", newest: "2024-03-15T10:20:00Z",
      now: "2024-03-15T12:00:00Z", dates: false),
    Case(
      name: "one day, yesterday", oldest: "2024-03-15T10:00:00Z", newest: "2024-03-15T10:20:00Z",
      now: "2024-03-16T00:00:01Z", dates: true),
    Case(
      name: "across midnight", oldest: "2024-03-14T23:59:58Z", newest: "2024-03-15T00:00:01Z",
      now: "2024-03-15T12:00:00Z", dates: true),
    Case(
      name: "three days", oldest: "2024-03-14T23:59:58Z", newest: "2024-03-16T00:00:01Z",
      now: "2024-03-16T08:00:00Z", dates: true),
    // At +02:00 both sides of UTC midnight are early on 2024-03-15.
    Case(
      name: "UTC midnight inside a day at +02:00", oldest: "2024-03-14T23:59:58Z",
      newest: "2024-03-15T00:00:01Z", now: "2024-03-15T12:00:00Z", offsetHours: 2, dates: false),
    // At -05:00, 03:00 UTC is still the evening before the records' day.
    Case(
      name: "not yet the records' day at -05:00", oldest: "2024-03-15T10:00:00Z",
      newest: "2024-03-15T10:20:00Z", now: "2024-03-15T03:00:00Z", offsetHours: -5, dates: true),
    Case(
      name: "the same in UTC", oldest: "2024-03-15T10:00:00Z", newest: "2024-03-15T10:20:00Z",
      now: "2024-03-15T03:00:00Z", dates: false),
    Case(name: "no times", oldest: nil, newest: nil, now: "2024-03-15T12:00:00Z", dates: false),
  ]

  @Test(arguments: cases)
  func decidesDates(_ c: Case) throws {
    let zone = try #require(TimeZoneRule(offsetSeconds: c.offsetHours * 3600))
    let span = c.oldest.map { (oldest: Self.at($0), newest: Self.at(c.newest!)) }
    #expect(TimeColumn.showsDates(span: span, now: Self.at(c.now), zone: zone) == c.dates)
  }

  @Test func aNamedZoneCountsItsOwnDays() throws {
    let paris = try #require(TimeZoneRule(name: "Europe/Paris"))
    // 23:30 UTC is already the next day in Paris (UTC+1 in March).
    let span = (oldest: Self.at("2024-03-14T22:30:00Z"), newest: Self.at("2024-03-14T23:30:00Z"))
    #expect(TimeColumn.showsDates(span: span, now: Self.at("2024-03-14T23:45:00Z"), zone: paris))
    #expect(!TimeColumn.showsDates(span: span, now: Self.at("2024-03-14T23:45:00Z"), zone: .utc))
  }

  /// The three records: without dates they read as one day.
  @Test func rowsShowTheDateWhenAsked() throws {
    let data = try UITestData.data(["midnight/nightly-batch.log"])
    let span = try #require(data.log.timeSpan)
    #expect(span.oldest == Self.at("2024-03-14T23:59:50.002Z"))
    #expect(span.newest == Self.at("2024-03-16T00:03:58.004Z"))
    var formatter = RowFormatter(palette: Palette(colors: false), zone: .utc)
    let rows = [2, 3, 7]
    let times = { (f: RowFormatter) in
      rows.map { row in
        data.withRecord(logIndex: row) {
          String(f.row($0).plainText.prefix(TimeColumn.width(dates: f.dates)))
        }
      }
    }
    #expect(times(formatter) == ["23:59:58.120", "00:00:01.000", "00:00:01.000"])
    formatter.dates = true
    #expect(
      times(formatter) == [
        "2024-03-14 23:59:58.120", "2024-03-15 00:00:01.000", "2024-03-16 00:00:01.000",
      ])
    // In another zone, its own calendar day.
    var east = RowFormatter(
      palette: Palette(colors: false), zone: try #require(TimeZoneRule(offsetSeconds: 9 * 3600)))
    east.dates = true
    #expect(times(east)[0] == "2024-03-15 08:59:58.120")
  }

  @Test func hiddenFieldsAreLeftOut() throws {
    let data = try UITestData.data(["midnight/nightly-batch.log"])
    var state = AppState()
    state.columns.toggle("pid")
    state.columns.toggle("error.type")
    let formatter = RowFormatter(palette: Palette(colors: false), zone: .utc).laidOut(for: state)
    let text = data.withRecord(logIndex: 3) { formatter.row($0).plainText }
    #expect(!text.contains(" pid="))
    #expect(!text.contains("error.type="))
    #expect(text.contains(" hostname=batch-1"))
    #expect(text.contains(" error.detail="))
    let all = data.withRecord(logIndex: 3) {
      RowFormatter(palette: Palette(colors: false), zone: .utc).row($0).plainText
    }
    #expect(all.contains(" pid=3112") && all.contains("error.type=LockTimeout"))
  }
}
