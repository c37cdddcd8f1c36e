import Foundation
import Testing

@testable import LogviewCore

/// Lines that are not JSON objects but carry fields: tool prefixes, logfmt, access lines.
@Suite struct TextShapeTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var line: String
    var timestamp: String?
    var level: Level?
    var message: String?
    var requestId: String?
    var service: String?
    /// A field and its value as the filter reads it.
    var field: (String, String)?
    var testDescription: String { line }
  }

  static let cases: [Case] = [
    Case(
      line: #"2024-03-15T10:00:00.123456789Z {"level":"info","msg":"m","requestId":"r1"}"#,
      timestamp: "2024-03-15T10:00:00.123Z", level: .info, message: "m", requestId: "r1",
      field: ("time", "2024-03-15T10:00:00.123456789Z")),
    Case(
      line: #"[pod/api-7d9c5b9b9-abcde/app] {"level":"warn","msg":"slow"}"#, level: .warn,
      message: "slow", service: "app", field: ("pod", "api-7d9c5b9b9-abcde")),
    Case(
      line: "[pod/api-7d9c5b9b9-abcde/app] plain words here", message: "plain words here",
      service: "app", field: ("container", "app")),
    Case(
      line: #"api-7d9c5b9b9-abcde app {"level":"error","msg":"boom"}"#, level: .error,
      message: "boom", service: "app", field: ("pod", "api-7d9c5b9b9-abcde")),
    Case(
      line: "2024-03-15T10:00:00.5Z stderr F plain text", timestamp: "2024-03-15T10:00:00.500Z",
      message: "plain text", field: ("stream", "stderr")),
    Case(
      line: #"api-1  | {"level":"info","msg":"hi"}"#, level: .info, message: "hi", service: "api-1"),
    Case(
      line: "api_1  | 2024-03-15T10:00:00Z text after a time",
      timestamp: "2024-03-15T10:00:00.000Z", message: "text after a time", service: "api_1"),
    Case(
      line: "2024-03-15T10:00:00+0000\tapp.web\t{\"msg\":\"x\"}",
      timestamp: "2024-03-15T10:00:00.000Z", message: "x", field: ("tag", "app.web")),
    Case(
      line: "2024-03-15T10:00:00+00:00 host1 sshd[42]: Accepted key",
      timestamp: "2024-03-15T10:00:00.000Z", message: "Accepted key", service: "sshd",
      field: ("_PID", "42")),
    Case(
      line: "Mar 15 10:00:01 host1 app[7]: ERROR failed", timestamp: "2024-03-15T10:00:01.000Z",
      level: .error, message: "ERROR failed", service: "app", field: ("_HOSTNAME", "host1")),
    Case(
      line: #"time=2024-03-15T10:00:00Z level=ERROR msg="a b \"c\"" request_id=r9 port=8080"#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .error, message: #"a b "c""#,
      requestId: "r9", field: ("port", "8080")),
    Case(line: "event='said hi' level='info' n=1", level: .info, message: "said hi"),
    Case(
      line: #"10.0.0.1 - bob [15/Mar/2024:10:00:00 +0000] "GET /x?y=1 HTTP/2.0" 500 51 "-" "ua""#,
      timestamp: "2024-03-15T10:00:00.000Z", level: .error, message: "GET /x?y=1 HTTP/2.0",
      field: ("path", "/x?y=1")),
    Case(
      line: "2024-03-15T10:00:00Z heroku[router]: at=error code=H12 service=30000ms status=503",
      timestamp: "2024-03-15T10:00:00.000Z", level: .error, service: "heroku",
      field: ("service", "30000ms")),
    Case(
      line: "t=2024-03-15T10:00:00+0000 lvl=eror msg=x", timestamp: "2024-03-15T10:00:00.000Z",
      level: .error, message: "x"),
  ]

  @Test(arguments: cases)
  func readsTheShape(_ c: Case) {
    let got = Self.normalize(c.line, field: c.field?.0)
    #expect(got.structured, "read as a record with fields")
    #expect(got.timestamp == c.timestamp)
    #expect(got.level == c.level)
    #expect(got.message == c.message)
    #expect(got.requestId == c.requestId)
    #expect(got.service == c.service)
    if let field = c.field { #expect(got.field == field.1, "\(field.0)") }
  }

  /// Prose that only looks like a shape stays a raw text line.
  static let plainLines = [
    "Error: disk full",
    "2024-03-15T10:00:01Z ERROR: disk full",
    "2024-03-15T10:00:01Z app started: ready",
    "2024-03-15T10:00:01Z INFO plain line",
    "INFO | a message between bars",
    "web | no replica number",
    "user=bob logged in",
    "connected host=db port=5432",
    "foo bar {\"a\":1}",
    "[pod] not a kubectl prefix",
    "2024-03-15T10:00:00Z stdout X not cri",
    "10.0.0.1 - - [bad access line",
  ]

  @Test(arguments: plainLines)
  func leavesProseAlone(_ line: String) {
    let got = Self.normalize(line, field: nil)
    #expect(!got.structured)
    #expect(got.message == line)
  }

  @Test func numbersCompareAsNumbersAndTextStaysText() {
    for (value, isNumber) in [
      ("8080", true), ("-1.5e3", true), ("0", true), ("012", false), ("12ms", false),
      ("1.", false), ("", false), ("123456789012345678901", false),
    ] {
      #expect(Array(value.utf8).withUnsafeBytes { FieldObjectWriter.isJSONNumber($0) } == isNumber)
    }
  }

  struct Read {
    var structured: Bool
    var timestamp: String?
    var level: Level?
    var message: String?
    var requestId: String?
    var service: String?
    var field: String?
  }

  static func normalize(_ line: String, field: String?) -> Read {
    let normalizer = Normalizer(options: NormalizerOptions(currentYear: 2024))
    return Array(line.utf8).withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        var time: [UInt8] = []
        if let t = record.timestamp { TimestampFormatter.appendRFC3339Millis(t, to: &time) }
        return Read(
          structured: record.isJSON,
          timestamp: time.isEmpty ? nil : String(decoding: time, as: UTF8.self),
          level: record.level, message: record.string(of: .message),
          requestId: record.string(of: .requestId), service: record.string(of: .service),
          field: field.flatMap { record.field(FieldPath($0))?.decodedString() })
      }
    }
  }
}
